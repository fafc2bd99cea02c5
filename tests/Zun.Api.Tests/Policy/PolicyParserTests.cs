using Zun.Api.Policy;
using static Zun.Api.Tests.Policy.PolicyRuleEvaluation;

namespace Zun.Api.Tests.Policy;

/// <summary>oslo.policy's rule language: each construct, how not, and, or bind, parentheses, and errors with their positions.</summary>
public sealed class PolicyParserTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("@", "", true)]
    [InlineData("!", "admin", false)]
    [InlineData("role:admin", "admin", true)]
    [InlineData("role:admin", "member", false)]
    [InlineData("role:ADMIN", "admin", true)]
    [InlineData("roles:member", "reader,member", true)]
    [InlineData("is_admin:True", "admin", true)]
    [InlineData("is_admin:True", "member", false)]
    [InlineData("is_admin:False", "member", true)]
    [InlineData("rule:admin_api", "admin", true)]
    [InlineData("rule:admin_api", "member", false)]
    [InlineData("rule:no_such_rule", "admin", false)]
    [InlineData("project_id:p1", "", true)]
    [InlineData("project_id:p2", "", false)]
    [InlineData("user_id:%(user_id)s", "", true)]
    [InlineData("'p1':%(project_id)s", "", true)]
    [InlineData("\"p2\":%(project_id)s", "", false)]
    [InlineData("None:%(project_id)s", "", false)]
    [InlineData("project_id:%%(project_id)s", "", false)]
    [InlineData("role:team-%(project_id)s", "team-p1", true)]
    public void Each_check_is_satisfied_as_oslo_policy_satisfies_it(string rule, string roles, bool allowed) =>
        Assert.Equal(allowed, Allows(rule, Roles(roles)));

    [Theory]
    [InlineData("p1", "p1", true)]
    [InlineData("p1", "p2", false)]
    [InlineData("p1", null, false)]
    public void A_substitution_takes_the_targets_attribute_and_a_missing_one_fails_the_check(string project, string? target, bool allowed) =>
        Assert.Equal(allowed, Allows("project_id:%(project_id)s", [], project, target));

    [Theory]
    [InlineData("not role:a", "", true)]
    [InlineData("not role:a", "a", false)]
    [InlineData("not not role:a", "a", true)]
    [InlineData("role:a and role:b", "a", false)]
    [InlineData("role:a and role:b", "a,b", true)]
    [InlineData("role:a or role:b", "b", true)]
    [InlineData("role:a or role:b", "", false)]
    [InlineData("role:a AND role:b Or role:c", "c", true)]
    [InlineData("role:a or role:b and role:c", "a", true)]
    [InlineData("role:a or role:b and role:c", "b", false)]
    [InlineData("role:a and role:b or role:c", "c", true)]
    [InlineData("role:a and role:b or role:c", "a", false)]
    [InlineData("not role:a and role:b", "b", true)]
    [InlineData("not role:a and role:b", "a", false)]
    [InlineData("not role:a or role:b", "a,b", true)]
    [InlineData("not role:a or role:b", "a", false)]
    [InlineData("role:a and not role:b or role:c", "a", true)]
    [InlineData("role:a and not role:b or role:c", "a,b", false)]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or(string rule, string roles, bool allowed) =>
        Assert.Equal(allowed, Allows(rule, Roles(roles)));

    [Theory]
    [InlineData("(role:a or role:b) and role:c", "a", false)]
    [InlineData("(role:a or role:b) and role:c", "b,c", true)]
    [InlineData("not (role:a or role:b)", "", true)]
    [InlineData("not (role:a or role:b)", "b", false)]
    [InlineData("((role:a))", "a", true)]
    [InlineData("(role:a and (role:b or (role:c)))", "a,c", true)]
    [InlineData("is_admin:True or (role:member and project_id:%(project_id)s)", "member", true)]
    public void Parentheses_group_as_written(string rule, string roles, bool allowed) =>
        Assert.Equal(allowed, Allows(rule, Roles(roles)));

    [Theory]
    [InlineData("role:admin or", 14, "ends where a check is expected after 'or'")]
    [InlineData("not", 4, "ends where a check is expected after 'not'")]
    [InlineData("(role:admin", 12, "the '(' at position 1 is not closed")]
    [InlineData("(role:a or (role:b)", 20, "the '(' at position 1 is not closed")]
    [InlineData("role:admin)", 11, "')' closes no '('")]
    [InlineData("role:admin role:member", 12, "expected 'and' or 'or' before 'role:member'")]
    [InlineData("and role:admin", 1, "expected a check, found 'and'")]
    [InlineData("role:a or or role:b", 11, "expected a check, found 'or'")]
    [InlineData("()", 2, "expected a check, found ')'")]
    [InlineData("admin", 1, "'admin' is not a check")]
    [InlineData("role:a and :b", 12, "':b' is not a check")]
    [InlineData("role:", 6, "role: needs the name of a role")]
    [InlineData("rule:", 6, "rule: needs the name of a rule")]
    [InlineData("project_id:%(project_id)d", 12, "is not a substitution")]
    [InlineData("project_id:50%", 14, "is not a substitution")]
    [InlineData("http://policy.example", 1, "not supported")]
    [InlineData("   ", 1, "blank")]
    public void A_rule_that_does_not_parse_is_refused_naming_the_rule_and_the_position(string rule, int position, string reason)
    {
        var refused = Assert.Throws<PolicySyntaxException>(() => PolicyRule.Parse("container:get_all", rule));

        Assert.Equal(("container:get_all", position), (refused.Rule, refused.Position));
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"Policy rule 'container:get_all' does not parse at position {position}: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_that_refer_to_each_other_in_a_loop_are_refused_naming_the_loop()
    {
        var refused = Assert.Throws<PolicyCycleException>(() =>
            PolicyRuleSet.Defaults.With([PolicyRule.Parse("a", "rule:b or role:x"), PolicyRule.Parse("b", "not rule:a")]));

        Assert.Equal(["a", "b", "a"], refused.Cycle);
    }
}
