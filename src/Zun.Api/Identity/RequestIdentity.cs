namespace Zun.Api.Identity;

/// <summary>
/// Who a request acts for: the one type every endpoint reads. Where it comes from (noauth headers or a Keystone
/// token) is the business of <see cref="IRequestIdentitySource"/> alone.
/// </summary>
public sealed record RequestIdentity
{
    public required string ProjectId { get; init; }

    public string? ProjectDomainId { get; init; }

    public string? UserId { get; init; }

    public string? UserDomainId { get; init; }

    /// <summary>The caller's roles. Whether they make it an admin is for the policy's <c>context_is_admin</c> rule to say.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
