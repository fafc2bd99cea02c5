using Microsoft.Extensions.Configuration;
using Zun.Conductor.Publishers;
using Zun.Contracts;
using Zun.Hosting;
using Zun.Hosting.Publishers;

namespace Zun.Conductor.Tests.Hosting;

/// <summary><c>Zun:Policy:Publishers</c> and <c>UnidentifiedPublisher</c>: broker users to roles, and what each role may send.</summary>
public sealed class PublisherPolicyTests
{
    [Theory]
    [InlineData("guest", PublisherRole.Service, null)]
    [InlineData("zun-service", PublisherRole.Service, null)]
    [InlineData("zun-host", PublisherRole.Host, null)]
    [InlineData("tenant-tool", PublisherRole.Project, "p-42")]
    [InlineData("someone", PublisherRole.Unknown, null)]
    [InlineData("Guest", PublisherRole.Unknown, null)]
    public void A_broker_user_has_the_role_the_map_gives_it_with_the_defaults_beside_the_configured_entries(string user, PublisherRole role, string? project)
    {
        var publisher = Policy(new() { ["Zun:Policy:Publishers:tenant-tool"] = "p-42" }).Of(user);

        Assert.Equal(new Publisher(user, role, project), publisher);
    }

    [Fact]
    public void An_empty_entry_takes_a_default_user_out_of_the_map()
    {
        var publisher = Policy(new() { ["Zun:Policy:Publishers:guest"] = "" }).Of("guest");

        Assert.Equal(PublisherRole.Unknown, publisher.Role);
    }

    [Theory]
    [InlineData(null, PublisherRole.Service, null)]
    [InlineData("service", PublisherRole.Service, null)]
    [InlineData("reject", PublisherRole.Unidentified, null)]
    [InlineData("p-7", PublisherRole.Project, "p-7")]
    public void A_publisher_without_user_id_has_the_unidentified_role_and_is_never_identified(string? setting, PublisherRole role, string? project)
    {
        var publisher = Policy(setting is null ? [] : new() { ["Zun:Policy:UnidentifiedPublisher"] = setting }).Of(userId: null);

        Assert.Equal(new Publisher(null, role, project), publisher);
        Assert.False(publisher.IsIdentifiedService);
        Assert.False(publisher.IsHost);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("HOST")]
    [InlineData("")]
    public void UnidentifiedPublisher_host_or_empty_is_refused_at_start_naming_the_setting(string setting)
    {
        var result = new PublisherOptionsValidator().Validate(null, new PublisherOptions { UnidentifiedPublisher = setting });

        Assert.True(result.Failed);
        Assert.StartsWith("Zun:Policy:UnidentifiedPublisher", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_processs_own_broker_user_is_known_as_its_own()
    {
        var policy = Policy([], url: "amqp://zun%2Dconductor:secret@rabbit/zun");

        Assert.True(policy.IsOwn(policy.Of("zun-conductor")));
        Assert.False(policy.IsOwn(policy.Of(userId: null)));
    }

    [Theory]
    [InlineData("p-42", false, null)]
    [InlineData("p-43", false, "broker user 'tool' may act only for project 'p-42', and this StartContainer claims project 'p-43'")]
    [InlineData(null, false, "broker user 'tool' may act only for project 'p-42', and this StartContainer names no project")]
    [InlineData("p-42", true, "broker user 'tool' may act only for project 'p-42', and this StartContainer asks for all projects")]
    public void A_project_publisher_may_send_only_what_names_its_project(string? projectId, bool allProjects, string? problem)
    {
        var publisher = new Publisher("tool", PublisherRole.Project, "p-42");

        Assert.Equal(problem, PublisherScope.Problem(publisher, new StartContainer { ProjectId = projectId, AllProjects = allProjects }, "StartContainer"));
    }

    [Theory]
    [InlineData(PublisherRole.Service, null)]
    [InlineData(PublisherRole.Host, "broker user 'x' is a Zun host's: a host reports on its containers and sends no commands or queries")]
    [InlineData(PublisherRole.Unknown, "broker user 'x' is unknown to Zun's policy (Zun:Policy:Publishers): nothing it sends is acted on")]
    public void Only_a_service_acts_for_any_project(PublisherRole role, string? problem)
    {
        var scope = new StartContainer { ProjectId = "anything", AllProjects = true };

        Assert.Equal(problem, PublisherScope.Problem(new Publisher("x", role), scope, "StartContainer"));
    }

    [Fact]
    public void A_project_publisher_may_not_ask_what_is_about_no_project()
    {
        var problem = PublisherScope.Problem(new Publisher("tool", PublisherRole.Project, "p-42"), scope: null, "ListHosts");

        Assert.Equal("broker user 'tool' may act only for project 'p-42', and ListHosts is about no one project", problem);
    }

    private static PublisherPolicy Policy(Dictionary<string, string?> settings, string url = "amqp://guest:guest@localhost/")
    {
        var options = new PublisherOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PublisherOptions.Section).Bind(options);
        return new PublisherPolicy(Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Options.Options.Create(new RabbitMqOptions { Url = url }));
    }
}
