namespace Zun.Conductor.StateMachines;

/// <summary>
/// How one message type of the container machine names its container. The machine declares every event through one of
/// these, and its endpoint gives each a partition (ordering and the outbox), so no event can go without one.
/// </summary>
internal abstract class ContainerPartitionKey
{
    public abstract Type MessageType { get; }

    public abstract void ApplyTo(IContainerPartitioning partitioning);
}

/// <summary>The key of messages of type <typeparamref name="T"/>.</summary>
internal sealed class ContainerPartitionKey<T>(Func<T, Guid> containerId) : ContainerPartitionKey
    where T : class
{
    public override Type MessageType => typeof(T);

    public override void ApplyTo(IContainerPartitioning partitioning) => partitioning.Partition(containerId);
}
