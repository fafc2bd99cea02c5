using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Options;
using Zun.Api.Policy;
using static Zun.Api.Tests.Policy.PolicyRuleEvaluation;

namespace Zun.Api.Tests.Policy;

/// <summary>An operator's policy file (Zun:Api:PolicyFile) as the API reads it at start, and a denial as the API answers and logs it.</summary>
public sealed class PolicyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zun-policy-").FullName;
    private readonly FakeLogger<PolicyEnforcer> _log = new();

    [Fact]
    public void A_rule_in_the_file_replaces_the_default_of_its_name_and_the_others_stay()
    {
        var rules = Load("""
            # auditors may list every project's containers
            "container:get_all_all_projects": "role:auditor or rule:admin_api"
            container:stop: rule:admin_api
            """);

        Assert.True(Allows(rules, "container:get_all_all_projects", ["auditor"]));
        Assert.False(Allows(rules, "container:stop", ["member"]));
        Assert.False(Allows(rules, "container:get_one_all_projects", ["auditor"]));
        Assert.True(Allows(rules, "container:start", ["member"]));
    }

    [Fact]
    public void A_json_policy_file_reads_as_yaml_and_an_empty_one_changes_nothing()
    {
        var fromJson = Load("""{"container:create:privileged": "", "container:get_all": "!"}""");
        Assert.True(Allows(fromJson, "container:create:privileged", ["member"]));
        Assert.False(Allows(fromJson, "container:get_all", ["admin"]));

        var fromEmpty = Load("# nothing overridden yet\n");
        Assert.False(Allows(fromEmpty, "container:create:privileged", ["admin"]));
    }

    [Theory]
    [InlineData("container:stop: role:admin\ncontainer:start: 'role:admin\n", 2, "not valid YAML")]
    [InlineData("container:stop: role:admin\ncontainer:start: role:admin\n  extra: indented\n", 3, "not valid YAML")]
    [InlineData("container:stop: role:admin\ncontainer:start: [role:admin\n", 2, "the rule of 'container:start' must be a string")]
    [InlineData("container:stop: a: b\n", 1, "not valid YAML")]
    [InlineData("- container:stop\n- role:admin\n", 1, "must be a mapping of rule names to rules")]
    [InlineData("container:stop: role:admin\ncontainer:start:\n  - role:admin\n", 3, "the rule of 'container:start' must be a string")]
    [InlineData("container:stop: role:admin\ncontainer:stop: '@'\n", 2, "'container:stop' is given a rule twice (first on line 1)")]
    [InlineData("container:stop: role:admin\n\n\"container:start\": \"role:admin or (role:member\"\n", 3, "Policy rule 'container:start' does not parse at position 27")]
    [InlineData("a: rule:b\nb: rule:a\n", 1, "loop: a -> b -> a")]
    public void A_file_that_cannot_be_used_stops_the_start_naming_the_file_and_the_line(string text, long line, string reason)
    {
        var path = Write(text);

        var refused = Assert.Throws<PolicyFileException>(() => new PolicyEnforcer(Settings(path), _log));

        Assert.Equal((path, line), (refused.Path, refused.Line));
        Assert.Contains($"{path} (Zun:Api:PolicyFile) cannot be used: line {line}: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_stops_the_start_naming_it()
    {
        var path = Path.Combine(_directory, "absent.yaml");

        var refused = Assert.Throws<PolicyFileException>(() => new PolicyEnforcer(Settings(path), _log));

        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_name_zun_does_not_know_is_kept_and_logged_as_a_warning_with_its_line()
    {
        var rules = Load("container:stop: rule:my_operators\nmy_operators: role:operator\n");

        var warning = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("'my_operators' is not a rule Zun knows", warning.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", warning.Message, StringComparison.Ordinal);
        Assert.True(Allows(rules, "container:stop", ["operator"]));
    }

    [Fact]
    public void A_reference_to_a_rule_nobody_defines_is_logged_as_a_warning_and_fails_closed()
    {
        var rules = Load("container:stop: rule:no_such_rule or role:admin\n");

        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("rule:no_such_rule", StringComparison.Ordinal));
        Assert.False(Allows(rules, "container:stop", ["member"]));
    }

    [Fact]
    public void A_denial_is_upstreams_403_and_is_logged_with_the_rule_and_the_request_but_no_token()
    {
        var enforcer = new PolicyEnforcer(Settings(null), _log);
        var caller = new RequestIdentity { ProjectId = "p1", UserId = "u1", Roles = ["member"] };

        var denied = Assert.Throws<ApiException>(() => enforcer.For(caller, "req-1234").Authorize(ZunRules.ContainerGetAllAllProjects));

        Assert.Equal((403, "Policy doesn't allow container:get_all_all_projects to be performed.", "container.policy-not-authorized"), (denied.Status, denied.Message, denied.Code));
        var logged = Assert.Single(_log.Collector.GetSnapshot(), r => r.Message.Contains("denied", StringComparison.Ordinal));
        Assert.Equal("Policy denied container:get_all_all_projects to user 'u1' of project 'p1' (req-1234)", logged.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private PolicyRuleSet Load(string text) => new PolicyEnforcer(Settings(Write(text)), _log).Rules;

    private string Write(string text)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static Microsoft.Extensions.Options.IOptions<ApiOptions> Settings(string? path) =>
        Microsoft.Extensions.Options.Options.Create(new ApiOptions { PolicyFile = path });
}
