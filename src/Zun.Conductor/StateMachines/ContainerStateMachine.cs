using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Commands;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.StateMachines.Activities;
using Zun.Conductor.Tenancy;
using Zun.Conductor.Validation;
using Zun.Conductor.Volumes;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using static Zun.Conductor.StateMachines.ContainerEventDrafts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// One instance per container. The machine's states say what the conductor waits for (a host, an outcome, or
/// nothing); the container's Zun status is data on <see cref="TrackedContainer"/>, whose decisions check every
/// operation against the state table and raise the events each step publishes once the record is saved.
/// </summary>
public sealed class ContainerStateMachine : MassTransitStateMachine<TrackedContainer>, IContainerCommandVisitor
{
    /// <summary>Name of <see cref="Placing"/>, for the query that finds containers waiting for a worker.</summary>
    public const string PlacingStateName = nameof(Placing);

    /// <summary>
    /// How many times the endpoint's retry runs a command for an unknown container before it is rejected
    /// (with the definition's intervals, about a quarter of a second).
    /// </summary>
    private const int UnknownContainerRetries = 2;

    private readonly ConductorOptions _options;
    private readonly PolicyOptions _policy;
    private readonly TimeProvider _clock;
    private readonly HostResourceLimits _limits;
    private readonly MountRules _mounts;
    private readonly List<ContainerPartitionKey> _partitionKeys = [];

    public ContainerStateMachine(
        IOptions<ConductorOptions> options, IOptions<PolicyOptions> policy, IOptions<LimitsOptions> limits, IOptions<VolumeOptions> volumes,
        IWorkerDirectory workers, TimeProvider clock)
    {
        _mounts = new MountRules(volumes.Value);
        _options = options.Value;
        _policy = policy.Value;
        _clock = clock;
        _limits = new HostResourceLimits(limits, workers);
        InstanceState(x => x.CurrentState);

        // A create is the one command that may find no record: it makes one.
        ContainerEvent(() => CreateRequested, m => m.ContainerId, (e, containerId) => e.CorrelateById(c => containerId(c.Message)));
        Schedule(() => OperationDeadline, x => x.DeadlineTokenId, s => s.Received = e =>
        {
            e.CorrelateById(c => c.Message.ContainerId);
            e.OnMissingInstance(m => m.Discard());
        });
        PartitionBy<OperationDeadlineExpired>(m => m.ContainerId);
        ContainerEvent(() => ActionCompleted, m => m.ContainerId, CorrelateHostReport);
        ContainerEvent(() => ActionFailed, m => m.ContainerId, CorrelateHostReport);
        ContainerEvent(() => Observed, m => m.ContainerId, CorrelateHostReport);
        ContainerEvent(() => ExecFinished, m => m.ContainerId, CorrelateHostReport);
        ContainerEvent(() => ContainerQueried, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => ExecRequested, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => LogsRequested, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => TopRequested, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => StatsRequested, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => ArchiveRequested, m => m.ContainerId, CorrelateQuery);
        ContainerEvent(() => ArchivePutRequested, m => m.ContainerId, CorrelateQuery);

        // Heartbeats are the one event not partitioned by container: one may place every container waiting for a worker.
        Event(() => WorkerAvailable, e =>
        {
            e.CorrelateBy((saga, context) => saga.CurrentState == PlacingStateName
                && (saga.RequestedHost == null || saga.RequestedHost == context.Message.Host));
            e.OnMissingInstance(m => m.Discard());
        });

        // Like heartbeats, a host's going down is not partitioned by container: it reaches every container on the host.
        Event(() => HostWentDown, e =>
        {
            e.CorrelateBy((saga, context) => saga.Host == context.Message.Host && saga.Status != ContainerStatus.Deleted);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(CreateRequested)
                .IfElse(c => RefusalOfCreate(c) is null,
                    valid => valid
                        .HoldQuota()
                        .IfElse(c => c.QuotaRefusal() is null,
                            held => held
                                .AttachVolumes()
                                .IfElse(c => c.MountRefusal() is null,
                                    mounted => mounted
                                        .Then(c => c.Saga.Create(c.Message, ContainerCommands.Create.ToOperation(c.Message), c.Mounts(), Now))
                                        .PlaceNewContainer()
                                        .SendPublishAndSettle(this),
                                    unmountable => unmountable
                                        .ThenAsync(c => RejectWithoutRecord(c, ContainerCommands.Create, c.Message, c.MountRefusal()!))
                                        .Finalize()),
                            over => over
                                .ThenAsync(c => RejectWithoutRecord(c, ContainerCommands.Create, c.Message, c.QuotaRefusal()!))
                                .Finalize()),
                    invalid => invalid
                        .ThenAsync(c => RejectWithoutRecord(c, ContainerCommands.Create, c.Message, RefusalOfCreate(c)!))
                        .Finalize()));

        // A create with the id of another project's container is refused without a word about that container.
        During(Placing, Busy, Idle,
            When(CreateRequested)
                .IfElse(c => c.Message.Sees(c.Saga.ProjectId),
                    seen => seen.IfElse(c => c.Saga.Knows(c.Message.OperationId),
                        known => known.ReplayIfRedelivered(m => m.OperationId, _clock),
                        another => another.Then(c => c.Saga.Reject(ContainerCommands.Create.ToOperation(c.Message),
                            $"container {c.Saga.CorrelationId} already exists (status {c.Saga.Status})", Now))),
                    unseen => unseen.ThenAsync(c => RejectWithoutRecord(c, ContainerCommands.Create, c.Message,
                        $"container {c.Saga.CorrelationId} already exists")))
                .SendWorkToHost(this)
                .PublishRaised());

        // Every other command of the catalogue is accepted or rejected, then run now or queued (Visit, below).
        foreach (var command in ContainerCommands.All.Where(c => c != ContainerCommands.Create))
            command.Visit(this);

        During(Placing,
            When(WorkerAvailable)
                .Activity(x => x.OfType<PlaceOnAvailableWorkerActivity>())
                .SendPublishAndSettle(this),
            When(OperationDeadline.AnyReceived)
                .IfDue(_clock, due => due.PlaceNewContainer())
                .SendPublishAndSettle(this));

        // Idle too: an outcome RabbitMQ redelivers after the conductor died between applying it and publishing its events
        // finds the container idle (or busy with the next operation), and produces those events again. Deadlines are matched
        // by operation (AnyReceived, not the schedule's token) for the same reason.
        During(Busy, Idle,
            When(ActionCompleted)
                .IfInFlight(m => m.OperationId, _clock, ends => ends
                    .Unschedule(OperationDeadline)
                    .Then(c => c.Saga.Complete(c.Message, c.ReceiveContext.Redelivered, Now)))
                .SendPublishAndSettle(this),
            When(ActionFailed)
                .IfInFlight(m => m.OperationId, _clock, ends => ends
                    .Unschedule(OperationDeadline)
                    .Then(c => c.Saga.Fail(c.Message, c.ReceiveContext.Redelivered, Now)))
                .SendPublishAndSettle(this),
            When(OperationDeadline.AnyReceived)
                .IfDue(_clock, expired => expired
                    .Then(c => c.Saga.TimeOut(DeadlineOf(c.Saga.ActiveOperation!), c.ReceiveContext.Redelivered, Now))
                    .AskHostForInventory(m => m.OperationId))
                .SendPublishAndSettle(this));

        During(Busy, Idle,
            When(HostWentDown)
                .Then(c => c.Saga.MarkHostDown(c.Message, Now))
                .PublishRaised());

        DuringAny(
            // An observation may start an operation too: the heal of a container that vanished.
            When(Observed)
                .Then(c => c.Saga.Observe(c.Message, c.ReceiveContext.Redelivered, Now))
                .SendPublishAndSettle(this),
            When(ContainerQueried).IfSeenByCaller(seen => seen.Respond(c => c.Saga.ToContainerInfo())),
            When(ExecRequested).IfSeenByCaller(seen => seen
                .ForwardExec(_clock)
                .PublishRaised()),
            When(ExecFinished)
                .Then(c => c.Saga.FinishExec(c.Message, Now))
                .PublishRaised(),
            When(LogsRequested).IfSeenByCaller(seen => seen.ForwardToHost(ContainerRule.Logs, CommandValidator.Validate)),
            When(TopRequested).IfSeenByCaller(seen => seen.ForwardToHost(ContainerRule.Top)),
            When(StatsRequested).IfSeenByCaller(seen => seen.ForwardToHost(ContainerRule.Stats)),
            When(ArchiveRequested).IfSeenByCaller(seen => seen.ForwardToHost(ContainerRule.GetArchive, CommandValidator.Validate)),

            // Not an operation of the record, as upstream records none: the worker answers once the archive is extracted.
            When(ArchivePutRequested).IfSeenByCaller(seen => seen.ForwardToHost(ContainerRule.PutArchive, CommandValidator.Validate)));

        // Outcomes and deadlines of operations already finished, heartbeats for containers already placed and
        // observations made while an operation is in flight arrive routinely; they change nothing.
        OnUnhandledEvent(c => c.Ignore());
        SetCompletedWhenFinalized();
    }

    /// <summary>A new container waits for a live worker to place it on.</summary>
    public State Placing { get; private set; } = null!;

    /// <summary>An operation is in flight on the container's host.</summary>
    public State Busy { get; private set; } = null!;

    /// <summary>Nothing in flight.</summary>
    public State Idle { get; private set; } = null!;

    /// <summary>Every message type the machine handles for one container, with how it names the container.</summary>
    internal IReadOnlyList<ContainerPartitionKey> PartitionKeys => _partitionKeys;

    public Event<CreateContainer> CreateRequested { get; private set; } = null!;

    /// <summary>The deadline of the operation in flight, set when it is sent to its host, or when it begins to wait for one.</summary>
    public Schedule<TrackedContainer, OperationDeadlineExpired> OperationDeadline { get; private set; } = null!;

    public Event<ContainerActionCompleted> ActionCompleted { get; private set; } = null!;

    public Event<ContainerActionFailed> ActionFailed { get; private set; } = null!;

    public Event<ContainerObserved> Observed { get; private set; } = null!;

    public Event<WorkerHeartbeat> WorkerAvailable { get; private set; } = null!;

    public Event<HostWentDown> HostWentDown { get; private set; } = null!;

    public Event<GetContainer> ContainerQueried { get; private set; } = null!;

    public Event<ExecInContainer> ExecRequested { get; private set; } = null!;

    public Event<ExecFinished> ExecFinished { get; private set; } = null!;

    public Event<GetContainerLogs> LogsRequested { get; private set; } = null!;

    public Event<GetContainerTop> TopRequested { get; private set; } = null!;

    public Event<GetContainerStats> StatsRequested { get; private set; } = null!;

    public Event<GetArchive> ArchiveRequested { get; private set; } = null!;

    public Event<PutArchive> ArchivePutRequested { get; private set; } = null!;

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>
    /// A command of the catalogue on a container Zun knows: a resend changes nothing (or replays, when redelivered); anything
    /// else is accepted or rejected by the container, then runs now or waits its turn. For a container Zun does not know,
    /// the command is retried briefly (its create may be on its way) and then rejected; for one of a project the caller
    /// may not see, it is rejected at once for the same reason, and the record is left as it was.
    /// </summary>
    void IContainerCommandVisitor.Visit<T>(ContainerCommand<T> command)
    {
        var requested = ContainerEvent<T>(typeof(T).Name, m => m.ContainerId, (e, _) => CorrelateCommand(e, command));
        During(Placing, Busy, Idle,
            When(requested)
                .IfElse(c => c.Message.Sees(c.Saga.ProjectId),
                    seen => seen.IfElse(c => c.Saga.Knows(c.Message.OperationId),
                        known => known.ReplayIfRedelivered(m => m.OperationId, _clock),
                        fresh => fresh.ThenAsync(c => Accept(c, command))),
                    unseen => unseen.ThenAsync(c => RejectWithoutRecord(c, command, c.Message, RefusalAsUnknown(command, c.Message))))
                .SendPublishAndSettle(this));
    }

    /// <summary>
    /// The container accepts or rejects the command. One that resizes the container moves its claim and quota holding
    /// first, when the container would accept it, and is rejected with the reason when they cannot move.
    /// </summary>
    private async Task Accept<T>(BehaviorContext<TrackedContainer, T> context, ContainerCommand<T> command)
        where T : class, IContainerCommand
    {
        var operation = command.ToOperation(context.Message);
        var refusal = command.Validate(context.Message, _limits.For(context.Saga.Host));
        if (refusal is null && command.ResizesClaim && context.Saga.WouldAccept(operation))
            refusal = await context.GetServiceOrCreateInstance<ClaimResizer>().ResizeAsync(context.Saga, operation, context.CancellationToken);
        context.Saga.Accept(operation, refusal, Now);
    }

    /// <summary>Declares an event of the machine with the container it is about, so the endpoint gives it a partition.</summary>
    private void ContainerEvent<T>(
        System.Linq.Expressions.Expression<Func<Event<T>>> property, Func<T, Guid> containerId,
        Action<IEventCorrelationConfigurator<TrackedContainer, T>, Func<T, Guid>> correlate)
        where T : class
    {
        PartitionBy(containerId);
        Event(property, e => correlate(e, containerId));
    }

    /// <summary>The same, for an event made from the command catalogue, named after its command.</summary>
    private Event<T> ContainerEvent<T>(
        string name, Func<T, Guid> containerId, Action<IEventCorrelationConfigurator<TrackedContainer, T>, Func<T, Guid>> correlate)
        where T : class
    {
        PartitionBy(containerId);
        return Event<T>(name, e => correlate(e, containerId));
    }

    private void PartitionBy<T>(Func<T, Guid> containerId)
        where T : class =>
        _partitionKeys.Add(new ContainerPartitionKey<T>(containerId));

    internal TimeProvider Clock => _clock;

    /// <summary>How long an operation may wait for a worker to be placed on.</summary>
    internal TimeSpan PlacementDeadline => _options.PlacementDeadline;

    internal TimeSpan DeadlineOf(ContainerOperation operation) => _options.DeadlineFor(operation.Action, operation.StopTimeoutSeconds);

    /// <summary>
    /// Null when a create may be accepted; otherwise why not, naming the field. Decided once per delivery: the hosts' cores
    /// it depends on may change between the check and the rejection that quotes it.
    /// </summary>
    private string? RefusalOfCreate(BehaviorContext<TrackedContainer, CreateContainer> context) =>
        context.GetOrAddPayload(() => new CreateRefusal(ContainerCommands.Create.Validate(context.Message, _limits.For(context.Message.Host))
            ?? _mounts.Refusal(context.Message.Mounts)
            ?? (context.Message.Privileged && !_policy.AllowPrivileged
                ? $"privileged containers are not allowed here ({PolicyOptions.Section}:AllowPrivileged is false)"
                : null))).Reason;

    private sealed record CreateRefusal(string? Reason);

    private void CorrelateCommand<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, ContainerCommand<T> command)
        where T : class, IContainerCommand
    {
        e.CorrelateById(c => c.Message.ContainerId);
        e.OnMissingInstance(m => m.ExecuteAsync(c =>
        {
            if (command.Validate(c.Message, _limits.For(host: null)) is null && UnknownContainerAttempts.CountFor(c) < UnknownContainerRetries)
                throw new ContainerNotYetKnownException(c.Message.ContainerId);

            return RejectWithoutRecord(c, command, c.Message, RefusalAsUnknown(command, c.Message));
        }));
    }

    /// <summary>Why a command for a container Zun does not know is refused: its invalid input first, as for any command.</summary>
    private string RefusalAsUnknown<T>(ContainerCommand<T> command, T message)
        where T : class, IContainerCommand =>
        command.Validate(message, _limits.For(host: null)) ?? NotFound(message.ContainerId);

    private static string NotFound(Guid containerId) => $"container {containerId} not found";

    /// <summary>A refusal before any record of the container exists (or of a create that makes none).</summary>
    private Task RejectWithoutRecord<T>(ConsumeContext context, ContainerCommand<T> command, T message, string reason)
        where T : class, IContainerCommand
    {
        LogContext.Info?.Log("Rejected {Action} {OperationId} on container {ContainerId}: {Reason}",
            command.Action, message.OperationId, message.ContainerId, reason);
        return context.GetServiceOrCreateInstance<OperationEventPublisher>().Rejected(context,
            Refused(message.OperationId, message.ContainerId, command.Action, reason, message.ProjectId, message.UserId, Now));
    }

    private static void CorrelateHostReport<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, Func<T, Guid> containerId)
        where T : class
    {
        e.CorrelateById(c => containerId(c.Message));
        e.OnMissingInstance(m => m.Discard());
    }

    private static void CorrelateQuery<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, Func<T, Guid> containerId)
        where T : class
    {
        e.CorrelateById(c => containerId(c.Message));
        e.ReadOnly = true;
        e.OnMissingInstance(m => m.ExecuteAsync(c => ContainerSteps.RespondNotFound(c, containerId(c.Message))));
    }
}
