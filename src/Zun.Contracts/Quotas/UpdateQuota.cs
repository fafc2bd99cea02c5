namespace Zun.Contracts;

/// <summary>
/// Sets limits of <see cref="ProjectId"/> (the fields given; -1 lifts one). A limit below what the project holds now is
/// accepted, as upstream's is: nothing is stopped, and new containers are refused until usage is under it again.
/// </summary>
public sealed record UpdateQuota : IQuotaRequest
{
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public QuotaLimits Limits { get; init; } = new();
}
