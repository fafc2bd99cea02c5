using Zun.Api.Identity;
using Zun.Api.Policy;

namespace Zun.Api.Tests.Policy;

/// <summary>Asks a rule about a caller and a target, as the API asks: credentials from the caller, is_admin from context_is_admin.</summary>
internal static class PolicyRuleEvaluation
{
    public const string UnderTest = "under_test";

    /// <summary>Whether <paramref name="rule"/>, added beside upstream's defaults, allows it.</summary>
    public static bool Allows(string rule, string[] roles, string project = "p1", string? targetProject = "p1") =>
        Allows(PolicyRuleSet.Defaults.With([PolicyRule.Parse(UnderTest, rule)]), UnderTest, roles, project, targetProject);

    public static bool Allows(PolicyRuleSet rules, string name, string[] roles, string project = "p1", string? targetProject = "p1")
    {
        var caller = new RequestIdentity { ProjectId = project, UserId = "u1", Roles = roles };
        return rules.Allows(name, rules.CredentialsOf(caller), PolicyTarget.Owned(targetProject, "u1"));
    }

    public static string[] Roles(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
