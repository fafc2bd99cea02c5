namespace Zun.Contracts;

/// <summary>
/// Declares the host down now (<see cref="ForcedDown"/> true), without waiting for its heartbeats to stop: its
/// containers become Unknown, as for a host found down. False lets its heartbeats say again whether it is up.
/// </summary>
public sealed record ForceDownService : IServiceCommand
{
    public string Host { get; init; } = "";

    public bool ForcedDown { get; init; } = true;
}
