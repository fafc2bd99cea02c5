namespace Zun.Contracts;

/// <summary>A quota class's limits, each its own or, where it sets none, the configured default.</summary>
public sealed record QuotaClassSet
{
    public string ClassName { get; init; } = "";

    /// <summary>Every limit, none null.</summary>
    public QuotaLimits Limits { get; init; } = new();
}
