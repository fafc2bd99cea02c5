namespace Zun.Contracts;

/// <summary>Sets limits of a quota class (the fields given; -1 lifts one); answered with the class's limits.</summary>
public sealed record UpdateQuotaClass : IQuotaClassRequest
{
    public string ClassName { get; init; } = "";

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public QuotaLimits Limits { get; init; } = new();
}
