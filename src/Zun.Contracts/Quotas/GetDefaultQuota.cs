namespace Zun.Contracts;

/// <summary>The limits a project without quotas of its own gets: the <c>default</c> class's, else the configured ones.</summary>
public sealed record GetDefaultQuota : IQuotaRequest
{
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
