using MassTransit;
using Zun.Conductor.Placement;
using Zun.Conductor.Quotas;
using Zun.Conductor.StateMachines.Activities;
using Zun.Conductor.Tenancy;
using Zun.Conductor.Validation;
using Zun.Conductor.Volumes;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>The named steps the container machine is written in, beside the decisions on <see cref="TrackedContainer"/>.</summary>
internal static class ContainerSteps
{
    /// <summary>
    /// The end of every step that may start an operation: its work goes to the host, the raised events are published,
    /// and the state follows from what the container now waits for.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, T> SendPublishAndSettle<T>(this EventActivityBinder<TrackedContainer, T> binder, ContainerStateMachine machine)
        where T : class =>
        binder.ReleaseGivenUpClaim().SendWorkToHost(machine).PublishRaised().Settle(machine);

    /// <summary>
    /// A deadline ends the operation in flight if it is the deadline of what the operation waits for now: a host to be
    /// placed on, or the host's outcome. Any other may be a redelivery to replay.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, OperationDeadlineExpired> IfDue(
        this EventActivityBinder<TrackedContainer, OperationDeadlineExpired> binder,
        TimeProvider clock,
        Func<EventActivityBinder<TrackedContainer, OperationDeadlineExpired>, EventActivityBinder<TrackedContainer, OperationDeadlineExpired>> ends) =>
        binder.IfElse(
            c => c.Saga.IsInFlight(c.Message.OperationId) && c.Message.AwaitingHost == c.Saga.IsAwaitingHost,
            ends,
            other => other.ReplayIfRedelivered(m => m.OperationId, clock));

    /// <summary>An outcome or deadline ends the operation in flight; one of another operation may be a redelivery to replay.</summary>
    public static EventActivityBinder<TrackedContainer, T> IfInFlight<T>(
        this EventActivityBinder<TrackedContainer, T> binder,
        Func<T, Guid> operationId,
        TimeProvider clock,
        Func<EventActivityBinder<TrackedContainer, T>, EventActivityBinder<TrackedContainer, T>> ends)
        where T : class =>
        binder.IfElse(c => c.Saga.IsInFlight(operationId(c.Message)), ends, other => other.ReplayIfRedelivered(operationId, clock));

    /// <summary>After every event that may start or end an operation: the state follows from what the container waits for.</summary>
    public static EventActivityBinder<TrackedContainer, T> Settle<T>(this EventActivityBinder<TrackedContainer, T> binder, ContainerStateMachine machine)
        where T : class =>
        binder.IfElse(c => c.Saga.ActiveOperation is null,
            // With nothing in flight, a deadline still set is one of an operation that ended without its outcome (one
            // superseded while it waited for a host): it has nothing left to end.
            idle => idle.Unschedule(machine.OperationDeadline).TransitionTo(machine.Idle),
            busy => busy.IfElse(c => c.Saga.HostEndpoint is null,
                placing => placing.TransitionTo(machine.Placing),
                dispatched => dispatched.TransitionTo(machine.Busy)));

    /// <summary>Publishes what the decisions on this message raised (<see cref="PublishRaisedEventsActivity{TInstance}"/>).</summary>
    public static EventActivityBinder<TrackedContainer, T> PublishRaised<T>(this EventActivityBinder<TrackedContainer, T> binder)
        where T : class =>
        binder.Activity(x => x.OfInstanceType<PublishRaisedEventsActivity<TrackedContainer>>());

    /// <summary>Returns the claim of a container deleted or whose create failed to its host (<see cref="ReleaseClaimActivity"/>).</summary>
    public static EventActivityBinder<TrackedContainer, T> ReleaseGivenUpClaim<T>(this EventActivityBinder<TrackedContainer, T> binder)
        where T : class =>
        binder.Activity(x => x.OfInstanceType<ReleaseClaimActivity>());

    /// <summary>
    /// Counts a new container against its project's quotas, with the cpu and memory it will claim, before its record is
    /// made; the refusal, when it does not fit, is <see cref="QuotaRefusal"/>. A create run again (its save failed) finds
    /// its own holding and goes on.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, CreateContainer> HoldQuota(this EventActivityBinder<TrackedContainer, CreateContainer> binder) =>
        binder.ThenAsync(async c =>
        {
            var (cpu, memoryMb) = c.GetServiceOrCreateInstance<ContainerScheduler>().ClaimFor(c.Message.Cpu, c.Message.MemoryMb);
            var holding = new QuotaHolding { ContainerId = c.Message.ContainerId, Cpu = cpu, MemoryMb = memoryMb };
            var refusal = await c.GetServiceOrCreateInstance<ProjectQuotas>().TryHoldAsync(c.Message.ProjectId, holding, c.CancellationToken);
            c.GetOrAddPayload(() => new QuotaDecision(refusal));
        });

    /// <summary>Why <see cref="HoldQuota"/> refused the create; null when it held it.</summary>
    public static string? QuotaRefusal(this BehaviorContext<TrackedContainer, CreateContainer> context) =>
        context.TryGetPayload(out QuotaDecision? decision) ? decision.Refusal : null;

    private sealed record QuotaDecision(string? Refusal);

    /// <summary>
    /// Mounts the Zun volumes a new container names in it (and records the ones made for it) before its record is made;
    /// the refusal, when it cannot have them, is <see cref="MountRefusal"/>, and its quota holding is then given back.
    /// A create run again finds its volumes mounted already and goes on.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, CreateContainer> AttachVolumes(this EventActivityBinder<TrackedContainer, CreateContainer> binder) =>
        binder.ThenAsync(async c =>
        {
            var resolution = await c.GetServiceOrCreateInstance<ZunVolumes>().AttachAsync(c.Message, c.CancellationToken);
            if (resolution.Refusal is not null)
                await c.GetServiceOrCreateInstance<ProjectQuotas>().ReleaseAsync(c.Message.ProjectId, c.Message.ContainerId, c.CancellationToken);
            c.GetOrAddPayload(() => resolution);
        });

    /// <summary>Why <see cref="AttachVolumes"/> refused the create; null when the container has its mounts.</summary>
    public static string? MountRefusal(this BehaviorContext<TrackedContainer, CreateContainer> context) => context.Mounts().Refusal;

    /// <summary>The new container's mounts as <see cref="AttachVolumes"/> resolved them.</summary>
    public static MountResolution Mounts(this BehaviorContext<TrackedContainer, CreateContainer> context) =>
        context.TryGetPayload(out MountResolution? resolution) ? resolution : new MountResolution([], null, null);

    /// <summary>Places a new container on a live worker, or has it wait for one (<see cref="PlaceNewContainerActivity"/>).</summary>
    public static EventActivityBinder<TrackedContainer, T> PlaceNewContainer<T>(this EventActivityBinder<TrackedContainer, T> binder)
        where T : class =>
        binder.Activity(x => x.OfInstanceType<PlaceNewContainerActivity>());

    /// <summary>
    /// Sends the operation in flight to its host, if it has one and it has not gone yet, and sets its deadline. The work
    /// goes out right after the record is saved, ahead of the events (<see cref="HostWork"/>). An operation that has
    /// begun to wait for a host instead gets the deadline of that wait.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, T> SendWorkToHost<T>(this EventActivityBinder<TrackedContainer, T> binder, ContainerStateMachine machine)
        where T : class =>
        binder
            .If(c => c.Saga.HasWorkToSend, send => send
                .ThenAsync(c => HostWork.Send(c, HostAddress(c.Saga), c.Saga.SendWork(machine.Clock.GetUtcNow(), machine.DeadlineOf(c.Saga.ActiveOperation!))))
                .Schedule(machine.OperationDeadline, c => DeadlineOfActive(c.Saga, awaitingHost: false), c => machine.DeadlineOf(c.Saga.ActiveOperation!)))
            .If(c => c.Saga.HostWaitNeedsDeadline, wait => wait
                .Schedule(machine.OperationDeadline, c => DeadlineOfActive(c.Saga, awaitingHost: true), _ => machine.PlacementDeadline)
                .Then(c => c.Saga.HostWaitDeadlineSet()));

    /// <summary>
    /// A message whose operation the record already knows. When it is a redelivery (or a retry after the save), the
    /// messages it produced may not all have gone out, so they are produced again (<see cref="TrackedContainer.Replay"/>);
    /// otherwise it is a duplicate and changes nothing.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, T> ReplayIfRedelivered<T>(
        this EventActivityBinder<TrackedContainer, T> binder, Func<T, Guid> operationId, TimeProvider clock)
        where T : class =>
        binder.IfElse(c => c.ReceiveContext.Redelivered || SavedDelivery.WasSaved(c),
            redelivered => redelivered.Then(c =>
            {
                LogContext.Warning?.Log(
                    "Redelivered message of operation {OperationId} on container {ContainerId} was already applied; producing its messages again",
                    operationId(c.Message), c.Saga.CorrelationId);
                c.Saga.Replay(operationId(c.Message), clock.GetUtcNow());
            }),
            duplicate => duplicate.Then(c => LogContext.Debug?.Log(
                "Operation {OperationId} on container {ContainerId} was already applied; ignoring the duplicate",
                operationId(c.Message), c.Saga.CorrelationId)));

    /// <summary>A timed-out operation's host is asked for an inventory, so that the container's status can be put right.</summary>
    public static EventActivityBinder<TrackedContainer, T> AskHostForInventory<T>(this EventActivityBinder<TrackedContainer, T> binder, Func<T, Guid> operationId)
        where T : class =>
        binder.ThenAsync(async c =>
        {
            var host = await c.GetSendEndpoint(HostAddress(c.Saga));
            await host.Send(new Contracts.Hosts.ReportInventory { Host = c.Saga.Host!, Reason = $"operation {operationId(c.Message)} timed out" });
        });

    /// <summary>
    /// A question about the container from a caller who may not see it (another project's) is answered as one about a
    /// container Zun does not know.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, T> IfSeenByCaller<T>(
        this EventActivityBinder<TrackedContainer, T> binder,
        Func<EventActivityBinder<TrackedContainer, T>, EventActivityBinder<TrackedContainer, T>> seen)
        where T : class, ICallerScope =>
        binder.IfElse(c => c.Message.Sees(c.Saga.ProjectId), seen, unseen => unseen.ThenAsync(c => RespondNotFound(c, c.Saga.CorrelationId)));

    public static Task RespondNotFound(ConsumeContext context, Guid containerId) =>
        context.RespondAsync(new ContainerNotFound { ContainerId = containerId });

    /// <summary>
    /// A request the container's worker answers (logs, top, stats, archives): checked against the state table here, then forwarded
    /// with its response address so the worker answers the client directly.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, T> ForwardToHost<T>(
        this EventActivityBinder<TrackedContainer, T> binder, ContainerRule rule, Func<T, string?>? validate = null)
        where T : class =>
        binder.ThenAsync(async c =>
        {
            if ((validate?.Invoke(c.Message) ?? RefusalOnHost(c.Saga, rule)) is { } reason)
                await c.RespondAsync(new RequestRejected { ContainerId = c.Saga.CorrelationId, Reason = reason });
            else
                await c.Forward(HostAddress(c.Saga));
        });

    /// <summary>
    /// An exec is a request the worker answers, and also an operation that notification listeners follow: accepted (or
    /// rejected) here, completed or failed by the worker once the command has run.
    /// </summary>
    public static EventActivityBinder<TrackedContainer, ExecInContainer> ForwardExec(
        this EventActivityBinder<TrackedContainer, ExecInContainer> binder, TimeProvider clock) =>
        binder.ThenAsync(async c =>
        {
            var (container, exec) = (c.Saga, c.Message);
            var operation = new ContainerOperation
            {
                OperationId = exec.OperationId == Guid.Empty ? NewId.NextGuid() : exec.OperationId,
                Action = ContainerAction.Exec,
                UserId = exec.UserId,
                AcceptedAt = clock.GetUtcNow(),
            };
            if ((CommandValidator.Validate(exec) ?? RefusalOnHost(container, ContainerRule.Execute)) is { } reason)
            {
                await c.RespondAsync(new RequestRejected { ContainerId = container.CorrelationId, Reason = reason });
                container.RejectExec(operation, reason, exec.ProjectId ?? container.ProjectId, clock.GetUtcNow());
                return;
            }

            container.AcceptExec(operation);
            await c.Forward(HostAddress(container), exec with { OperationId = operation.OperationId });
        });

    private static string? RefusalOnHost(TrackedContainer container, ContainerRule rule) =>
        ContainerActionRules.Check(rule, container.Status)
        ?? (container.HostEndpoint is null ? $"container {container.CorrelationId} is not placed on a host yet" : null);

    private static Uri HostAddress(TrackedContainer container) => new($"exchange:{container.HostEndpoint}");

    private static OperationDeadlineExpired DeadlineOfActive(TrackedContainer container, bool awaitingHost) => new()
    {
        ContainerId = container.CorrelationId,
        OperationId = container.ActiveOperation!.OperationId,
        AwaitingHost = awaitingHost,
    };
}
