using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    public ContainerStateMachineDefinition(IOptions<ConductorOptions> options)
    {
        _options = options.Value;
        Endpoint(e => e.Name = _options.Endpoint);
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TrackedContainer> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
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
        sagaConfigurator.Message<WorkerHeartbeat>(m =>
        {
            m.UseExecute(DeliveryTurn.EndFor);
            SendAfterSave(m);
        });
        Partition<CreateContainer>(m => m.ContainerId);
        Partition<StartContainer>(m => m.ContainerId);
        Partition<StopContainer>(m => m.ContainerId);
        Partition<KillContainer>(m => m.ContainerId);
        Partition<DeleteContainer>(m => m.ContainerId);
        Partition<RestartContainer>(m => m.ContainerId);
        Partition<PauseContainer>(m => m.ContainerId);
        Partition<UnpauseContainer>(m => m.ContainerId);
        Partition<UpdateContainer>(m => m.ContainerId);
        Partition<RenameContainer>(m => m.ContainerId);
        Partition<CommitContainer>(m => m.ContainerId);
        Partition<RebuildContainer>(m => m.ContainerId);
        Partition<ContainerActionCompleted>(m => m.ContainerId);
        Partition<ContainerActionFailed>(m => m.ContainerId);
        Partition<ContainerObserved>(m => m.ContainerId);
        Partition<OperationDeadlineExpired>(m => m.ContainerId);
        Partition<GetContainer>(m => m.ContainerId);
        Partition<ExecInContainer>(m => m.ContainerId);
        Partition<ExecFinished>(m => m.ContainerId);
        Partition<GetContainerLogs>(m => m.ContainerId);
        Partition<GetContainerTop>(m => m.ContainerId);
        Partition<GetContainerStats>(m => m.ContainerId);

        void Partition<T>(Func<T, Guid> containerId)
            where T : class =>
            sagaConfigurator.Message<T>(m =>
            {
                m.UseFilter(new OrderedPartitionFilter<T>(partitions, containerId));
                SendAfterSave(m);
            });

        // Retry and outbox sit inside the container's partition: the container's next message waits until everything this
        // one produced has been sent, even when sending needed a retry, which is what lets the work go to the host ahead of
        // the events (HostWork) without its outcome overtaking them.
        void SendAfterSave<T>(IPipeConfigurator<ConsumeContext<T>> m)
            where T : class
        {
            m.UseMessageRetry(r =>
            {
                r.Ignore<ContainerNotYetKnownException>();
                r.Intervals(50, 200, 500, 1000, 2000);
            });
            m.UseInMemoryOutbox(context);
            m.UseFilter(new HostWorkFirstFilter<T>());
        }
    }
}
