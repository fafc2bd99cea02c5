namespace Zun.Contracts;

/// <summary>The limits that hold for a project (its own, else the <c>default</c> class's, else the configured ones), and, when asked, its usage.</summary>
public sealed record QuotaSet
{
    public string? ProjectId { get; init; }

    /// <summary>Every limit, none null.</summary>
    public QuotaLimits Limits { get; init; } = new();

    public QuotaUsage? Usage { get; init; }
}
