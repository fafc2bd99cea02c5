namespace Zun.Api.Policy;

/// <summary>
/// What a rule's <c>%(name)s</c> refers to: the object acted on (a container's <c>project_id</c> and
/// <c>user_id</c>), or the caller's own project and user where there is none yet, as upstream passes for a create.
/// An attribute that is absent or null fails any check that names it.
/// </summary>
public sealed class PolicyTarget
{
    private readonly IReadOnlyDictionary<string, string?> _attributes;

    private PolicyTarget(IReadOnlyDictionary<string, string?> attributes) => _attributes = attributes;

    /// <summary>No attributes: what upstream's <c>context_is_admin</c> is checked against.</summary>
    public static PolicyTarget Empty { get; } = new(new Dictionary<string, string?>());

    public static PolicyTarget Owned(string? projectId, string? userId) =>
        new(new Dictionary<string, string?>(StringComparer.Ordinal) { ["project_id"] = projectId, ["user_id"] = userId });

    public string? Get(string attribute) => _attributes.GetValueOrDefault(attribute);
}
