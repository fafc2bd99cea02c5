namespace Zun.Conductor.StateMachines;

/// <summary>
/// A command arrived for a container with no record yet. Its create may be only milliseconds behind
/// it (sent by another client or over another connection), so the command is retried a few times before
/// it is rejected as not found.
/// </summary>
public sealed class ContainerNotYetKnownException(Guid containerId)
    : Exception($"container {containerId} is not known yet; retrying in case its create is right behind")
{
    public Guid ContainerId { get; } = containerId;
}
