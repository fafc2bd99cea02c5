using Zun.Api.Identity;

namespace Zun.Api.Policy;

/// <summary>
/// The caller as rules see it, oslo.context's policy values: <c>roles</c>, <c>project_id</c>, <c>user_id</c>,
/// <c>project_domain_id</c>, <c>user_domain_id</c> and, as Zun's context adds, <c>is_admin</c> (<c>True</c> or
/// <c>False</c>, as Python prints a boolean).
/// </summary>
public sealed class PolicyCredentials
{
    public const string IsAdminAttribute = "is_admin";

    private readonly Dictionary<string, IReadOnlyList<string>> _attributes;

    private PolicyCredentials(Dictionary<string, IReadOnlyList<string>> attributes) => _attributes = attributes;

    public IReadOnlyList<string> Roles => Values("roles");

    /// <summary>The caller's attributes, without <c>is_admin</c>: that one comes from a rule (<see cref="WithAdmin"/>).</summary>
    public static PolicyCredentials Of(RequestIdentity caller)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["roles"] = caller.Roles };
        Add(attributes, "project_id", caller.ProjectId);
        Add(attributes, "user_id", caller.UserId);
        Add(attributes, "project_domain_id", caller.ProjectDomainId);
        Add(attributes, "user_domain_id", caller.UserDomainId);
        return new PolicyCredentials(attributes);
    }

    public PolicyCredentials WithAdmin(bool isAdmin) =>
        new(new Dictionary<string, IReadOnlyList<string>>(_attributes, StringComparer.Ordinal) { [IsAdminAttribute] = [isAdmin ? "True" : "False"] });

    /// <summary>An attribute's values: one for most, any number for <c>roles</c>, none when the caller has no such attribute.</summary>
    public IReadOnlyList<string> Values(string attribute) => _attributes.GetValueOrDefault(attribute) ?? [];

    private static void Add(Dictionary<string, IReadOnlyList<string>> attributes, string name, string? value)
    {
        if (value is not null)
            attributes[name] = [value];
    }
}
