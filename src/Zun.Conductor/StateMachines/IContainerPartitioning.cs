namespace Zun.Conductor.StateMachines;

/// <summary>What the container machine's endpoint does with each <see cref="ContainerPartitionKey"/>.</summary>
internal interface IContainerPartitioning
{
    void Partition<T>(Func<T, Guid> containerId)
        where T : class;
}
