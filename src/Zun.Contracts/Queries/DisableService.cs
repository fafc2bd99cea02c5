namespace Zun.Contracts;

/// <summary>The host takes no new containers (placement says so, with the reason); those it has keep running.</summary>
public sealed record DisableService : IServiceCommand
{
    public string Host { get; init; } = "";

    public string? Reason { get; init; }
}
