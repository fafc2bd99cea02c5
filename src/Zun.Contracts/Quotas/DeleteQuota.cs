namespace Zun.Contracts;

/// <summary>Removes every limit of <see cref="ProjectId"/>'s own: the defaults hold for it again. Its usage is kept.</summary>
public sealed record DeleteQuota : IQuotaRequest
{
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
