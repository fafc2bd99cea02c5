using Zun.Api.Policy;
using static Zun.Api.Tests.Policy.PolicyRuleEvaluation;

namespace Zun.Api.Tests.Policy;

/// <summary>Upstream's default rules for a member of the container's project, a member of another project, and an admin.</summary>
public sealed class ZunRulesTests
{
    public enum Caller
    {
        Owner,
        OtherProject,
        Admin,
    }

    [Theory]
    [InlineData("container:create", Caller.Owner, true)]
    [InlineData("container:get_all", Caller.Owner, true)]
    [InlineData("container:get_one", Caller.Owner, true)]
    [InlineData("container:get_one", Caller.OtherProject, false)]
    [InlineData("container:get_one", Caller.Admin, true)]
    [InlineData("container:stop", Caller.Owner, true)]
    [InlineData("container:stop", Caller.OtherProject, false)]
    [InlineData("container:stop", Caller.Admin, true)]
    [InlineData("container:execute", Caller.OtherProject, false)]
    [InlineData("container:delete", Caller.Owner, true)]
    [InlineData("container:delete_force", Caller.Owner, false)]
    [InlineData("container:delete_force", Caller.Admin, true)]
    [InlineData("container:get_all_all_projects", Caller.Owner, false)]
    [InlineData("container:get_all_all_projects", Caller.Admin, true)]
    [InlineData("container:get_one_all_projects", Caller.Owner, false)]
    [InlineData("container:delete_all_projects", Caller.Owner, false)]
    [InlineData("container:get_one:host", Caller.Owner, false)]
    [InlineData("container:get_one:host", Caller.Admin, true)]
    [InlineData("container:get_one:runtime", Caller.Owner, false)]
    [InlineData("container:create:requested_destination", Caller.Owner, false)]
    [InlineData("container:create:runtime", Caller.Admin, true)]
    [InlineData("container:create:image_pull_policy", Caller.Owner, false)]
    [InlineData("container:create:privileged", Caller.Owner, false)]
    [InlineData("container:create:privileged", Caller.Admin, false)]
    [InlineData("host:get_all", Caller.Owner, false)]
    [InlineData("host:get_all", Caller.Admin, true)]
    [InlineData("zun-service:get_all", Caller.Owner, false)]
    [InlineData("image:pull", Caller.Owner, false)]
    [InlineData("image:pull", Caller.Admin, true)]
    [InlineData("image:search", Caller.Owner, true)]
    [InlineData("container:actions", Caller.Owner, true)]
    [InlineData("container:action:events", Caller.Owner, false)]
    [InlineData("network:create", Caller.Admin, true)]
    [InlineData("quota:get", Caller.Owner, true)]
    [InlineData("quota:get", Caller.OtherProject, false)]
    [InlineData("quota:get", Caller.Admin, true)]
    [InlineData("quota:get_default", Caller.Owner, true)]
    [InlineData("quota:update", Caller.Owner, false)]
    [InlineData("quota:update", Caller.Admin, true)]
    [InlineData("quota:delete", Caller.Owner, false)]
    [InlineData("quota_class:get", Caller.Owner, false)]
    [InlineData("quota_class:update", Caller.Admin, true)]
    [InlineData("no:such:rule", Caller.Admin, false)]
    public void A_default_rule_decides_as_upstreams_does(string rule, Caller caller, bool allowed)
    {
        var (roles, project) = caller switch
        {
            Caller.Owner => (new[] { "member", "reader" }, "p1"),
            Caller.OtherProject => (["member", "reader"], "p2"),
            _ => (["admin", "member", "reader"], "p2"),
        };

        Assert.Equal(allowed, Allows(PolicyRuleSet.Defaults, rule, roles, project, targetProject: "p1"));
    }

    [Theory]
    [InlineData("context_is_admin", "role:admin")]
    [InlineData("admin_or_owner", "is_admin:True or project_id:%(project_id)s")]
    [InlineData("admin_api", "rule:context_is_admin")]
    [InlineData("deny_everybody", "!")]
    [InlineData("container:create:privileged", "rule:deny_everybody")]
    [InlineData("container:rebuild", "is_admin:True or project_id:%(project_id)s")]
    [InlineData("container:get_one:image_pull_policy", "rule:context_is_admin")]
    [InlineData("capsule:get:host", "rule:context_is_admin")]
    [InlineData("network:attach_external_network", "role:admin")]
    [InlineData("availability_zones:get_all", "is_admin:True or project_id:%(project_id)s")]
    [InlineData("registry:get_all_all_projects", "rule:context_is_admin")]
    [InlineData("quota_class:get", "rule:context_is_admin")]
    public void The_defaults_are_upstreams_by_name_and_text(string rule, string text) =>
        Assert.Equal(text, PolicyRuleSet.Defaults.Find(rule)?.Text);

    [Fact]
    public void Every_default_refers_only_to_rules_that_exist_and_every_upstream_rule_is_there()
    {
        Assert.Empty(PolicyRuleSet.Defaults.UndefinedReferences());

        // Upstream's count: base 4, container 40, container_action 2, host 2, image 5, zun_service 5, capsule 8,
        // network 3, availability_zone 1, quota 4, quota_class 2, registry 6.
        Assert.Equal(82, PolicyRuleSet.Defaults.Names.Count());
    }

    [Fact]
    public void Whether_the_caller_is_admin_is_the_context_is_admin_rule_so_an_operator_can_name_another_role()
    {
        var rules = PolicyRuleSet.Defaults.With([PolicyRule.Parse("context_is_admin", "role:cloud-admin")]);

        Assert.True(Allows(rules, "container:get_all_all_projects", ["cloud-admin"]));
        Assert.False(Allows(rules, "container:get_all_all_projects", ["admin"]));
        Assert.True(Allows(rules, "container:stop", ["cloud-admin"], project: "p2", targetProject: "p1"));
    }
}
