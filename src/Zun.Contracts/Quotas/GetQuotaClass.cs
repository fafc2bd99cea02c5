namespace Zun.Contracts;

/// <summary>A quota class's limits (<c>default</c> is the one projects without their own get).</summary>
public sealed record GetQuotaClass : IQuotaClassRequest
{
    public string ClassName { get; init; } = "";

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
