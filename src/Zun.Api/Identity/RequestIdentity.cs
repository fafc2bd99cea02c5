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

    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool IsAdmin => Roles.Any(r => string.Equals(r, "admin", StringComparison.OrdinalIgnoreCase));
}
