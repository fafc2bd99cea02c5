namespace Zun.Api.Identity;

/// <summary>What Keystone says of a valid token: whom it was issued to, for which project, with which roles, until when.</summary>
public sealed record KeystoneToken
{
    public required string UserId { get; init; }

    public string? UserName { get; init; }

    public string? UserDomainId { get; init; }

    /// <summary>Null for a token scoped to no project (or to a domain), which can act on no container.</summary>
    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectDomainId { get; init; }

    /// <summary>Role names, with the roles they imply already expanded by Keystone (admin → member → reader).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public DateTimeOffset ExpiresAt { get; init; }
}
