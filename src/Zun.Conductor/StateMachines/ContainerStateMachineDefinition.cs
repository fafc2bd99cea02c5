using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zun.Conductor.Admission;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Ordering;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Hosting;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The container machine's endpoint. Messages for one container pass through one partition, so they
/// are applied in the order they arrived while different containers proceed in parallel.
/// </summary>
internal sealed class ContainerStateMachineDefinition : SagaDefinition<TrackedContainer>
{
    private readonly ConductorOptions _options;
    private readonly ContainerStateMachine _machine;

    public ContainerStateMachineDefinition(IOptions<ConductorOptions> options, ContainerStateMachine machine)
    {
        _options = options.Value;
        _machine = machine;
        Endpoint(e => e.Name = _options.Endpoint);
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TrackedContainer> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseCommandAdmission(context);
        // Outside the partition, only a command that arrived before its container's create is retried, so that the create
        // can go in between; every other fault is retried inside the partition (below).
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<ContainerNotYetKnownException>();
            r.Intervals(50, 200);
        });

        // Deliveries reach their container's partition in the order the broker delivered them (Ordering/).
        endpointConfigurator.ConfigureReceive(r => r.UseFilter(context.GetRequiredService<DeliveryOrderGate>()));
        var partitions = new OrderedPartitions(_options.ConcurrencyLimit);
        // The messages that reach every container of a host, or every one waiting for a host, have no partition.
        sagaConfigurator.Message<WorkerHeartbeat>(m =>
        {
            m.UseExecute(DeliveryTurn.EndFor);
            SendAfterSave(m, context);
        });
        sagaConfigurator.Message<HostWentDown>(m =>
        {
            m.UseExecute(DeliveryTurn.EndFor);
            SendAfterSave(m, context);
        });
        foreach (var key in _machine.PartitionKeys)
            key.ApplyTo(new Partitioning(sagaConfigurator, partitions, context));
    }

    /// <summary>
    /// Retry and outbox sit inside the container's partition: the container's next message waits until everything this
    /// one produced has been sent, even when sending needed a retry, which is what lets the work go to the host ahead of
    /// the events (HostWork) without its outcome overtaking them. A command's operation id is claimed inside them too.
    /// </summary>
    private static void SendAfterSave<T>(IPipeConfigurator<ConsumeContext<T>> m, IRegistrationContext context)
        where T : class
    {
        m.UseMessageRetry(r =>
        {
            r.Ignore<ContainerNotYetKnownException>();
            r.Intervals(50, 200, 500, 1000, 2000);
        });
        m.UseInMemoryOutbox(context);
        m.UseOperationClaims(context);
        m.UseFilter(new HostWorkFirstFilter<T>());
    }

    /// <summary>Every message the machine declares goes through its container's partition, then the retry and the outbox.</summary>
    private sealed class Partitioning(
        ISagaConfigurator<TrackedContainer> saga, OrderedPartitions partitions, IRegistrationContext context) : IContainerPartitioning
    {
        public void Partition<T>(Func<T, Guid> containerId)
            where T : class =>
            saga.Message<T>(m =>
            {
                m.UseFilter(new OrderedPartitionFilter<T>(partitions, containerId));
                SendAfterSave(m, context);
            });
    }
}
