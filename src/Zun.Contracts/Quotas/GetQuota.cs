namespace Zun.Contracts;

/// <summary>The quotas of <see cref="ProjectId"/>, with its usage when <see cref="IncludeUsage"/> is set.</summary>
public sealed record GetQuota : IQuotaRequest
{
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public bool IncludeUsage { get; init; }
}
