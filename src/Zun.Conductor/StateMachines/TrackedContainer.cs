using MassTransit;
using Zun.Conductor.Placement;
using Zun.Conductor.Validation;
using Zun.Conductor.Volumes;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using static Zun.Conductor.StateMachines.ContainerEventDrafts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The conductor's record of one container (CorrelationId = ContainerId): its status as Zun shows it, where it lives,
/// and the operations on it, one in flight and the rest queued in the order accepted. Its methods are the decisions:
/// each changes the record and raises the events that say so, which the state machine publishes once it is saved.
/// </summary>
public sealed class TrackedContainer : SagaStateMachineInstance, ISagaVersion, IRaisesEvents
{
    /// <summary>How soon after a kill observed outside Zun a removal counts as one <c>docker rm -f</c> of a running container.</summary>
    private static readonly TimeSpan KilledBeforeRemovalWindow = TimeSpan.FromSeconds(10);

    /// <summary>How many finished operations the record keeps for duplicate detection and queries.</summary>
    public const int RecentOperationLimit = 50;

    // Not part of the stored record (fields are neither serialised nor mapped): what the current message's decisions
    // raised, whether the work in flight must go to its host again, and whether the wait for a host needs its deadline.
    private readonly List<object> _raised = [];
    private bool _sendWorkAgain;
    private bool _hostWaitDeadlineDue;
    private ContainerClaim? _claimToRelease;
    private bool _quotaToRelease;
    private bool _volumesToRelease;
    private string? _placedWithOwnVolumes;

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public ContainerStatus Status { get; set; }

    public TaskState? TaskState { get; set; }

    public string? StatusReason { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>
    /// When the host last reported the container killed (137) while it ran, outside any operation (Stopped, or Dead while
    /// Docker removes it): <c>docker rm -f</c> kills a running container just before it removes it, so a heal right
    /// after runs it again.
    /// </summary>
    public DateTimeOffset? KilledOutsideAt { get; set; }

    /// <summary>Docker's health of a container with a health check, as its host last reported it.</summary>
    public string? Health { get; set; }

    /// <summary>The host the client pinned the container to, if any.</summary>
    public string? RequestedHost { get; set; }

    /// <summary>The availability zone the client asked for, if any.</summary>
    public string? AvailabilityZone { get; set; }

    /// <summary>The scheduler hints the client gave (<c>label:&lt;key&gt;</c> = value), if any.</summary>
    public Dictionary<string, string>? Hints { get; set; }

    /// <summary>The host of the Zun volumes it mounts, which it must be placed on; null when it mounts none (or only its own).</summary>
    public string? VolumeHost { get; set; }

    /// <summary>The host the container was placed on.</summary>
    public string? Host { get; set; }

    /// <summary>Since when the container's host is down (its last heartbeat), as a conductor found it; null while it is up.</summary>
    public DateTimeOffset? HostDownSince { get; set; }

    /// <summary>What the container holds of its host's cpu and memory, from placement until it is deleted or its create fails.</summary>
    public ContainerClaim? Claim { get; set; }

    /// <summary>The receive endpoint of <see cref="Host"/>'s worker.</summary>
    public string? HostEndpoint { get; set; }

    public ContainerSpec Spec { get; set; } = new();

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    /// <summary>Ports published on the host, as its worker last reported them.</summary>
    public List<PublishedPort> Ports { get; set; } = [];

    /// <summary>
    /// The newest outcome or observation applied from the host, by the host's clock: anything the
    /// host reports from before it is stale and ignored.
    /// </summary>
    public DateTimeOffset? LastHostEventAt { get; set; }

    /// <summary>
    /// The newest observation that arrived while an operation was in flight. It is applied once the
    /// outcome is, if the host saw it after the outcome it reported (an exit right after a start, say).
    /// </summary>
    public ContainerObserved? PendingObservation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ContainerOperation? ActiveOperation { get; set; }

    public List<ContainerOperation> QueuedOperations { get; set; } = [];

    public List<OperationSummary> RecentOperations { get; set; } = [];

    /// <summary>The deadline of the operation in flight (MassTransit's schedule token), cancelled when its outcome arrives.</summary>
    public Guid? DeadlineTokenId { get; set; }

    /// <summary>Whether the operation in flight has a host and has not been sent to it yet (or must be sent again).</summary>
    public bool HasWorkToSend => ActiveOperation is { } active && HostEndpoint is not null && (active.DispatchedAt is null || _sendWorkAgain);

    /// <summary>Whether the operation in flight waits for a worker to be placed on (only a new container's create does).</summary>
    public bool IsAwaitingHost => ActiveOperation is not null && HostEndpoint is null;

    /// <summary>The claim the decisions on this message gave up, to be returned to its host's ledger; null afterwards.</summary>
    public ContainerClaim? TakeClaimToRelease()
    {
        var claim = _claimToRelease;
        _claimToRelease = null;
        return claim;
    }

    /// <summary>Whether the decisions on this message deleted the container, whose project's quotas no longer count it; false afterwards.</summary>
    public bool TakeQuotaToRelease()
    {
        var release = _quotaToRelease;
        _quotaToRelease = false;
        return release;
    }

    /// <summary>Whether the decisions on this message deleted the container, which no longer mounts its volumes; false afterwards.</summary>
    public bool TakeVolumesToRelease()
    {
        var release = _volumesToRelease;
        _volumesToRelease = false;
        return release;
    }

    /// <summary>The host this message placed the container on, when it has volumes of its own, which are made there; null afterwards.</summary>
    public string? TakeOwnVolumesPlaced()
    {
        var host = _placedWithOwnVolumes;
        _placedWithOwnVolumes = null;
        return host;
    }

    /// <summary>Whether the wait for a host has begun (or is replayed) and its deadline is still to be set.</summary>
    public bool HostWaitNeedsDeadline => _hostWaitDeadlineDue && IsAwaitingHost;

    /// <summary>Whether this operation id was already seen, so a redelivered command is applied once.</summary>
    public bool Knows(Guid operationId) =>
        ActiveOperation?.OperationId == operationId
        || QueuedOperations.Any(o => o.OperationId == operationId)
        || RecentOperations.Any(o => o.OperationId == operationId);

    /// <summary>Whether <paramref name="operationId"/> is the operation in flight, which an outcome or deadline ends.</summary>
    public bool IsInFlight(Guid operationId) => ActiveOperation?.OperationId == operationId;

    /// <summary>The status the container will have once every accepted operation has succeeded.</summary>
    public ContainerStatus ProjectedStatus()
    {
        var status = ActiveOperation?.StatusAfter(Status) ?? Status;
        foreach (var queued in QueuedOperations)
            status = queued.StatusAfter(status);
        return status;
    }

    /// <summary>What the decisions on this message raised, in order; the list is empty afterwards.</summary>
    public IReadOnlyList<object> TakeRaised()
    {
        var raised = _raised.ToArray();
        _raised.Clear();
        return raised;
    }

    /// <summary>A new container: recorded from its create, which is accepted and begins (it waits for a host first).</summary>
    public void Create(CreateContainer command, ContainerOperation operation, MountResolution mounts, DateTimeOffset now)
    {
        Spec = new ContainerSpec
        {
            Image = command.Image.Trim(),
            Command = command.Command,
            Name = command.Name,
            Environment = command.Environment,
            Labels = command.Labels,
            Cpu = command.Cpu,
            MemoryMb = command.MemoryMb,
            Workdir = command.Workdir,
            Hostname = command.Hostname,
            Entrypoint = command.Entrypoint,
            RestartPolicy = command.RestartPolicy,
            AutoRemove = command.AutoRemove,
            ExposedPorts = command.ExposedPorts,
            ImagePullPolicy = command.ImagePullPolicy?.Trim().ToLowerInvariant() ?? "ifnotpresent",
            Runtime = command.Runtime,
            Interactive = command.Interactive,
            Tty = command.Tty,
            Privileged = command.Privileged,
            Healthcheck = command.Healthcheck is { } healthcheck ? healthcheck with { Command = healthcheck.Command.Trim() } : null,
            AutoHeal = command.AutoHeal,
            Mounts = mounts.Mounts is { Length: > 0 } resolved ? resolved : null,
        };
        VolumeHost = mounts.Host;
        RequestedHost = string.IsNullOrWhiteSpace(command.Host) ? null : command.Host.Trim();
        AvailabilityZone = string.IsNullOrWhiteSpace(command.AvailabilityZone) ? null : command.AvailabilityZone.Trim();
        Hints = command.Hints is { Count: > 0 } hints ? new Dictionary<string, string>(hints) : null;
        ProjectId = command.ProjectId;
        UserId = command.UserId;
        CreatedAt = now;
        Status = ContainerStatus.Creating;

        operation.AcceptedAt = now;
        _raised.Add(Accepted(this, operation));
        Begin(operation, previousStatus: null, now);
    }

    /// <summary>
    /// Accepts an operation when its input is valid and the container will be in a status it is valid for once the
    /// operations ahead of it are done; then runs it now or queues it behind them. A known operation id is left to
    /// <see cref="Replay"/>.
    /// </summary>
    public void Accept(ContainerOperation operation, string? invalidInput, DateTimeOffset now)
    {
        if (invalidInput is null && SupersedesWaitForHost(operation))
        {
            Supersede(operation, now);
            return;
        }

        if (invalidInput is null && HostDownSince is not null && operation.RunsOnHost)
        {
            if (operation is { Action: ContainerAction.Delete, Force: true })
                DeleteWhileHostDown(operation, now);
            else
                Reject(operation, $"host {Host} is down (silent since {HostDownSince:u}); until it reports again only a forced delete is accepted", now);
            return;
        }

        var reason = invalidInput ?? StateRefusal(operation);
        if (reason is not null)
        {
            Reject(operation, reason, now);
            return;
        }

        operation.AcceptedAt = now;
        _raised.Add(Accepted(this, operation));
        if (ActiveOperation is null)
            Begin(operation, Status, now);
        else
            QueuedOperations.Add(operation);
    }

    /// <summary>Whether <see cref="Accept"/> would accept <paramref name="operation"/> now, its input being valid.</summary>
    public bool WouldAccept(ContainerOperation operation) =>
        SupersedesWaitForHost(operation)
        || ((HostDownSince is null || !operation.RunsOnHost) && StateRefusal(operation) is null);

    public void Reject(ContainerOperation operation, string reason, DateTimeOffset now)
    {
        Finish(operation, OperationState.Rejected, reason, now, keepActive: true);
        _raised.Add(Rejected(this, operation.OperationId, operation.Action, reason, ProjectId, operation.UserId, now));
    }

    /// <summary>The operation in flight waits for a live worker: it is still scheduling, until the wait's deadline.</summary>
    public void AwaitWorker(DateTimeOffset now)
    {
        _hostWaitDeadlineDue = true;
        ChangeStatus(previous: null, ActiveOperation!.OperationId, Contracts.TaskState.ContainerScheduling, now);
    }

    /// <summary>The deadline of the wait for a host is set.</summary>
    public void HostWaitDeadlineSet() => _hostWaitDeadlineDue = false;

    /// <summary>
    /// No worker to place the container on came within the wait's deadline. The operation ends TimedOut and, as
    /// OpenStack Zun leaves a container no host was found for, the container is in Error: no host has any of it.
    /// </summary>
    public void GiveUpWaitingForHost(string whyNone, TimeSpan waited, bool redelivered, DateTimeOffset now)
    {
        var awaited = RequestedHost is null ? "a live worker" : $"host {RequestedHost}";
        EndTimedOut(ContainerStatus.Error, $"{ActiveActionName} waited {waited.TotalSeconds:0} s for {awaited}: {whyNone}", redelivered, now);
    }

    /// <summary>
    /// The container's host went down: the container is Unknown until the host reports on it again, and keeps its claim
    /// (it may still be running there). Nothing changes for a container of another host, a deleted one, or one already
    /// marked: every conductor that notices publishes the news.
    /// </summary>
    public void MarkHostDown(HostWentDown down, DateTimeOffset now)
    {
        if (down.Host != Host || HostDownSince is not null || Status == ContainerStatus.Deleted)
            return;

        HostDownSince = down.LastSeen ?? down.Timestamp;
        var previous = Status;
        Status = ContainerStatus.Unknown;
        StatusReason = $"host {Host} is down";
        ChangeStatus(previous, operationId: null, TaskState, now);
    }

    /// <summary>
    /// No host can take the container (the reason names each and why). As OpenStack Zun leaves a container no valid host
    /// was found for, the create fails and the container is in Error: no host has any of it.
    /// </summary>
    public void FailPlacement(string reason, DateTimeOffset now)
    {
        var operation = ActiveOperation!;
        var previous = Status;
        Status = ContainerStatus.Error;
        StatusReason = reason;
        Finish(operation, OperationState.Failed, reason, now);

        ChangeStatus(previous, operation.OperationId, taskState: null, now);
        _raised.Add(Failed(this, operation, reason, now));
        EndOperation(redelivered: false, now);
    }

    /// <summary>
    /// The container is placed on a host, holding <paramref name="claim"/> there; <paramref name="previous"/> is what the
    /// status event says it was before.
    /// </summary>
    public void PlaceOn(string host, string endpoint, ContainerClaim? claim, ContainerStatus? previous, DateTimeOffset now)
    {
        Host = host;
        HostEndpoint = endpoint;
        Claim = claim;
        if (Spec.Mounts?.Any(m => m.AutoRemove) == true)
            _placedWithOwnVolumes = host;
        ChangeStatus(previous, ActiveOperation!.OperationId, ActiveOperation.InFlightTaskState, now);
    }

    /// <summary>The work of the operation in flight, for its host, which it must finish within <paramref name="deadline"/>; recorded as dispatched.</summary>
    public PerformContainerAction SendWork(DateTimeOffset now, TimeSpan deadline)
    {
        var operation = ActiveOperation!;
        _sendWorkAgain = false;
        operation.DispatchedAt = now;
        _raised.Add(Dispatched(this, operation, now));
        return new PerformContainerAction
        {
            OperationId = operation.OperationId,
            ContainerId = CorrelationId,
            Action = operation.Action,
            Host = Host!,
            Deadline = now + deadline,
            Spec = operation.Action switch
            {
                ContainerAction.Create => Spec,
                ContainerAction.Rebuild => Spec with { Image = operation.Image ?? Spec.Image },
                _ => null,
            },
            Run = operation.Run,
            TimeoutSeconds = operation.TimeoutSeconds,
            Signal = operation.Signal,
            Force = operation.Force,
            Stop = operation.Stop,
            Cpu = operation.Cpu,
            MemoryMb = operation.MemoryMb,
            Repository = operation.Repository,
            Tag = operation.Tag,
        };
    }

    /// <summary>The host completed the operation in flight; the next queued one begins.</summary>
    public void Complete(ContainerActionCompleted outcome, bool redelivered, DateTimeOffset now)
    {
        var operation = ActiveOperation!;
        var previous = Status;
        HostDownSince = null;
        Status = operation.Action == ContainerAction.Delete ? ContainerStatus.Deleted : outcome.Status;
        ExitCode = outcome.ExitCode;
        StatusReason = outcome.StatusReason;
        LastHostEventAt = Later(LastHostEventAt, outcome.Timestamp);
        if (outcome.Ports is { } ports)
            Ports = [.. ports];
        ApplyToSpec(operation);
        Finish(operation, OperationState.Completed, reason: null, now);
        if (Status == ContainerStatus.Deleted)
            GiveUpHoldings();

        ChangeStatus(previous, operation.OperationId, taskState: null, now);
        _raised.Add(Completed(this, operation, now));
        EndOperation(redelivered, now);
    }

    /// <summary>
    /// The host failed the operation in flight. As OpenStack Zun does, the container is left in Error with the reason,
    /// so that it can be started again or deleted.
    /// </summary>
    public void Fail(ContainerActionFailed outcome, bool redelivered, DateTimeOffset now)
    {
        var operation = ActiveOperation!;
        var previous = Status;
        HostDownSince = null;
        Status = ContainerStatus.Error;
        StatusReason = outcome.Reason;
        ExitCode = outcome.ExitCode ?? ExitCode;
        LastHostEventAt = Later(LastHostEventAt, outcome.Timestamp);
        Finish(operation, OperationState.Failed, outcome.Reason, now);
        if (operation.Action == ContainerAction.Create)
            GiveUpClaim();

        ChangeStatus(previous, operation.OperationId, taskState: null, now);
        _raised.Add(Failed(this, operation, outcome.Reason, now));
        EndOperation(redelivered, now);
    }

    /// <summary>
    /// No outcome arrived within the operation's deadline: the operation ends TimedOut and the container's status is
    /// Unknown until its host's inventory (which the machine asks for) puts it right.
    /// </summary>
    public void TimeOut(TimeSpan deadline, bool redelivered, DateTimeOffset now) =>
        EndTimedOut(ContainerStatus.Unknown, $"{ActiveActionName} got no outcome from host {Host} within {deadline.TotalSeconds:0} s", redelivered, now);

    /// <summary>
    /// Docker reported a change on the container's host (or a periodic inventory disagreed with the record).
    /// While an operation is in flight its outcome will carry the status, so observations wait for it.
    /// </summary>
    public void Observe(ContainerObserved observed, bool redelivered, DateTimeOffset now)
    {
        if (observed.Host != Host)
            return;

        // The host reports again: it is back, and what it reports is the container's status.
        HostDownSince = null;

        if (ActiveOperation is not null)
        {
            if (PendingObservation is null || observed.ObservedAt > PendingObservation.ObservedAt)
                PendingObservation = observed;
            return;
        }

        Apply(observed, redelivered, now);
    }

    /// <summary>An exec this conductor forwarded ended on the host (or could not run there).</summary>
    public void FinishExec(ExecFinished finished, DateTimeOffset now)
    {
        var operation = new ContainerOperation { OperationId = finished.OperationId, Action = ContainerAction.Exec };
        _raised.Add(finished.Failure is null ? Completed(this, operation, now, finished.ExitCode) : Failed(this, operation, finished.Failure, now));
    }

    /// <summary>An exec accepted here; the worker answers it and reports how it ended.</summary>
    public void AcceptExec(ContainerOperation exec) => _raised.Add(Accepted(this, exec));

    /// <summary>An exec refused here, before it reached the host.</summary>
    public void RejectExec(ContainerOperation exec, string reason, string? projectId, DateTimeOffset now) =>
        _raised.Add(Rejected(this, exec.OperationId, exec.Action, reason, projectId, exec.UserId, now));

    /// <summary>
    /// A redelivered message whose changes this record already holds: the conductor died after saving them and before
    /// the messages they produce had all gone out, or the endpoint's retry runs it again because sending them failed
    /// after the save. Those messages are produced again from the record: the operation's outcome if it has ended, its
    /// acceptance if it waits, the work of whatever operation is in flight now (the worker carries out work
    /// idempotently), and the container's current status. Subscribers may see an event twice; none is lost.
    /// </summary>
    public void Replay(Guid operationId, DateTimeOffset now)
    {
        if (RecentOperations.LastOrDefault(o => o.OperationId == operationId) is { } finished)
            RaiseOutcomeAgain(finished, now);
        else if (ActiveOperation?.OperationId == operationId)
            _raised.Add(Accepted(this, ActiveOperation));
        else if (QueuedOperations.FirstOrDefault(o => o.OperationId == operationId) is { } queued)
            _raised.Add(Accepted(this, queued));

        _sendWorkAgain = ActiveOperation is { DispatchedAt: not null } && HostEndpoint is not null;
        _hostWaitDeadlineDue = IsAwaitingHost;
        _raised.Add(StatusChanged(this, previous: null, operationId));
    }

    private void RaiseOutcomeAgain(OperationSummary finished, DateTimeOffset now)
    {
        var operation = new ContainerOperation { OperationId = finished.OperationId, Action = finished.Action };
        var reason = finished.Reason ?? "";
        object? outcome = finished.State switch
        {
            OperationState.Completed => Completed(this, operation, now),
            OperationState.Failed => Failed(this, operation, reason, now),
            OperationState.TimedOut => TimedOut(this, operation, reason, now),
            OperationState.Rejected => Rejected(this, operation.OperationId, operation.Action, reason, ProjectId, UserId, now),
            _ => null,
        };
        if (outcome is not null)
            _raised.Add(outcome);
    }

    private void Begin(ContainerOperation operation, ContainerStatus? previousStatus, DateTimeOffset now)
    {
        if (!operation.RunsOnHost)
        {
            ApplyInConductor(operation, now);
            StartNext(now);
            return;
        }

        if (Host is null && operation.Action != ContainerAction.Create)
        {
            EndWithoutHost(operation, now);
            StartNext(now);
            return;
        }

        ActiveOperation = operation;
        Status = operation.InFlightStatus ?? Status;

        // A new container has no host yet: placing it says what happens next.
        if (HostEndpoint is not null)
            ChangeStatus(previousStatus, operation.OperationId, operation.InFlightTaskState, now);
    }

    private string ActiveActionName => ActiveOperation!.Action.ToString().ToLowerInvariant();

    /// <summary>The operation in flight ends TimedOut, leaving the container in <paramref name="status"/> for <paramref name="reason"/>.</summary>
    private void EndTimedOut(ContainerStatus status, string reason, bool redelivered, DateTimeOffset now)
    {
        var operation = ActiveOperation!;
        var previous = Status;
        Status = status;
        StatusReason = reason;
        Finish(operation, OperationState.TimedOut, reason, now);

        ChangeStatus(previous, operation.OperationId, taskState: null, now);
        _raised.Add(TimedOut(this, operation, reason, now));
        EndOperation(redelivered, now);
    }

    /// <summary>After an operation ends: what the host saw meanwhile, then the next operation.</summary>
    private void EndOperation(bool redelivered, DateTimeOffset now)
    {
        if (PendingObservation is { } pending)
        {
            PendingObservation = null;
            Apply(pending, redelivered, now);
        }

        StartNext(now);
    }

    /// <summary>Runs the next queued operation that is still valid; the ones that no longer are get rejected.</summary>
    private void StartNext(DateTimeOffset now)
    {
        while (QueuedOperations.Count > 0)
        {
            var next = QueuedOperations[0];
            QueuedOperations.RemoveAt(0);

            var reason = ContainerActionRules.Check(next, Status);
            if (reason is null)
            {
                Begin(next, Status, now);
                return;
            }

            Reject(next, reason, now);
        }
    }

    /// <summary>
    /// A force delete does not queue behind an operation that waits for a host, which may never come: it supersedes
    /// everything accepted before it, whatever status those would have led to.
    /// </summary>
    private bool SupersedesWaitForHost(ContainerOperation operation) =>
        operation is { Action: ContainerAction.Delete, Force: true } && IsAwaitingHost && ContainerActionRules.Check(operation, Status) is null;

    /// <summary>The operations waiting for a host end rejected, each once, and the delete runs at once.</summary>
    private void Supersede(ContainerOperation delete, DateTimeOffset now)
    {
        var reason = $"container {CorrelationId} was deleted (operation {delete.OperationId}) before it was placed on a host";
        foreach (var superseded in (IEnumerable<ContainerOperation>)[ActiveOperation!, .. QueuedOperations])
            Reject(superseded, reason, now);
        ActiveOperation = null;
        QueuedOperations.Clear();

        delete.AcceptedAt = now;
        _raised.Add(Accepted(this, delete));
        Begin(delete, Status, now);
    }

    /// <summary>
    /// A forced delete while the host is down cannot reach the host: Zun's record ends here, the claim goes back, and the
    /// operation in flight and those queued end. The host, once back, finds a container Zun has no live record of and
    /// removes it as an orphan (<see cref="Options.ConductorOptions.RemoveOrphans"/>).
    /// </summary>
    private void DeleteWhileHostDown(ContainerOperation delete, DateTimeOffset now)
    {
        var down = $"host {Host} is down";
        if (ActiveOperation is { } active)
        {
            Finish(active, OperationState.Failed, down, now);
            _raised.Add(Failed(this, active, down, now));
        }

        foreach (var queued in QueuedOperations)
            Reject(queued, $"container {CorrelationId} was deleted (operation {delete.OperationId}) while {down}", now);
        QueuedOperations.Clear();

        delete.AcceptedAt = now;
        _raised.Add(Accepted(this, delete));
        var previous = Status;
        Status = ContainerStatus.Deleted;
        StatusReason = $"deleted while {down}: the host removes the container as an orphan once it reports again";
        Finish(delete, OperationState.Completed, reason: null, now, keepActive: true);
        GiveUpHoldings();
        ChangeStatus(previous, delete.OperationId, taskState: null, now);
        _raised.Add(Completed(this, delete, now));
    }

    /// <summary>
    /// An operation on a container that no host ever had (its create found none): a delete has nothing to remove and
    /// completes here; anything else has nothing to act on.
    /// </summary>
    private void EndWithoutHost(ContainerOperation operation, DateTimeOffset now)
    {
        if (NothingToActOn(operation) is { } reason)
        {
            Reject(operation, reason, now);
            return;
        }

        var previous = Status;
        Status = ContainerStatus.Deleted;
        Finish(operation, OperationState.Completed, reason: null, now, keepActive: true);
        GiveUpHoldings();
        ChangeStatus(previous, operation.OperationId, taskState: null, now);
        _raised.Add(Completed(this, operation, now));
    }

    /// <summary>
    /// Why the state table refuses <paramref name="operation"/> in the status the container will have once the operations
    /// ahead of it are done (or why it has nothing to act on); null when it allows it.
    /// </summary>
    private string? StateRefusal(ContainerOperation operation)
    {
        var projected = ProjectedStatus();
        var reason = ContainerActionRules.Check(operation, projected) ?? (ActiveOperation is null ? NothingToActOn(operation) : null);
        return reason is not null && projected != Status
            ? reason + $" (the status it will have once the operations ahead of it are done; it is {Status} now)"
            : reason;
    }

    /// <summary>Why an operation has nothing to act on: the container has no host, and only a delete needs none. Null otherwise.</summary>
    private string? NothingToActOn(ContainerOperation operation) =>
        Host is null && operation.RunsOnHost && operation.Action is not (ContainerAction.Create or ContainerAction.Delete)
            ? $"container {CorrelationId} was never placed on a host, so there is nothing to {operation.Action.ToString().ToLowerInvariant()}; it can only be deleted"
            : null;

    /// <summary>An operation that changes only Zun's record completes at once, without a host.</summary>
    private void ApplyInConductor(ContainerOperation operation, DateTimeOffset now)
    {
        ApplyToSpec(operation);
        UpdatedAt = now;
        Finish(operation, OperationState.Completed, reason: null, now, keepActive: true);
        _raised.Add(Completed(this, operation, now));
    }

    /// <summary>Applies an observation that is newer than anything the host reported before.</summary>
    private void Apply(ContainerObserved observed, bool redelivered, DateTimeOffset now)
    {
        if (Status == ContainerStatus.Deleted)
            return;
        if (LastHostEventAt is { } last && observed.ObservedAt <= last)
        {
            // Applied before the conductor died, perhaps before its status event went out.
            if (observed.ObservedAt == last && redelivered)
                _raised.Add(StatusChanged(this, previous: null, operationId: null));
            return;
        }

        LastHostEventAt = observed.ObservedAt;
        // Dead is how Docker shows a container it is removing, the step before it vanishes: such a container heals too.
        if (observed.Vanished && !observed.AutoRemove && !Spec.AutoRemove && Spec.AutoHeal
            && (Status == ContainerStatus.Dead || ContainerActionRules.Check(ContainerRule.Rebuild, Status) is null))
        {
            Heal(observed, now);
            return;
        }

        var (status, reason) = observed.Vanished
            ? observed.AutoRemove || Spec.AutoRemove
                ? (ContainerStatus.Deleted, "removed automatically when it exited")
                : (ContainerStatus.Error, "No such container")
            : (observed.Status ?? ContainerStatus.Unknown, observed.StatusReason);
        var exitCode = observed.Vanished ? ExitCode : observed.ExitCode;
        var health = observed.Vanished ? null : observed.Health;
        if (status == Status && exitCode == ExitCode && reason == StatusReason && health == Health)
            return;

        var previous = Status;
        KilledOutsideAt = previous == ContainerStatus.Running && status is ContainerStatus.Stopped or ContainerStatus.Dead && exitCode == 137 ? observed.ObservedAt : null;
        Status = status;
        ExitCode = exitCode;
        StatusReason = reason;
        Health = health;
        if (Status == ContainerStatus.Deleted)
            GiveUpHoldings();
        ChangeStatus(previous, operationId: null, taskState: null, now);
    }

    /// <summary>
    /// The container vanished from its host and asked to be healed: as upstream heals, it is rebuilt there from its spec
    /// with the same id, by an operation of Zun's own (a rebuild, with its events), and started again if it was running.
    /// </summary>
    private void Heal(ContainerObserved vanished, DateTimeOffset now)
    {
        var killedJustBefore = Status is ContainerStatus.Stopped or ContainerStatus.Dead && KilledOutsideAt is { } killed && vanished.ObservedAt - killed <= KilledBeforeRemovalWindow;
        var rebuild = new ContainerOperation
        {
            OperationId = NewId.NextGuid(),
            Action = ContainerAction.Rebuild,
            Run = Status is ContainerStatus.Running || killedJustBefore,
            AcceptedAt = now,
        };
        StatusReason = $"vanished from host {Host}; healing it (auto_heal) by rebuilding it with operation {rebuild.OperationId}";
        _raised.Add(Accepted(this, rebuild));
        Begin(rebuild, Status, now);
    }

    /// <summary>The container is deleted: its claim goes back to its host and its project's quotas no longer count it, in this step.</summary>
    private void GiveUpHoldings()
    {
        GiveUpClaim();
        _quotaToRelease = true;
        _volumesToRelease = Spec.Mounts is { Length: > 0 };
    }

    /// <summary>The container no longer needs its share of the host: its claim goes back to the host's ledger in this step.</summary>
    private void GiveUpClaim()
    {
        _claimToRelease = Claim ?? _claimToRelease;
        Claim = null;
    }

    private void ChangeStatus(ContainerStatus? previous, Guid? operationId, TaskState? taskState, DateTimeOffset now)
    {
        TaskState = taskState;
        UpdatedAt = now;
        _raised.Add(StatusChanged(this, previous, operationId));
    }

    /// <summary>Records in the container's spec what a successful operation changed.</summary>
    private void ApplyToSpec(ContainerOperation operation) =>
        Spec = operation.Action switch
        {
            ContainerAction.Update => Spec with { Cpu = operation.Cpu ?? Spec.Cpu, MemoryMb = operation.MemoryMb ?? Spec.MemoryMb },
            ContainerAction.Rename => Spec with { Name = operation.Name },
            ContainerAction.Rebuild => Spec with { Image = operation.Image ?? Spec.Image },
            _ => Spec,
        };

    private void Finish(ContainerOperation operation, OperationState state, string? reason, DateTimeOffset now, bool keepActive = false)
    {
        if (!keepActive)
            ActiveOperation = null;

        RecentOperations.Add(new OperationSummary
        {
            OperationId = operation.OperationId,
            Action = operation.Action,
            State = state,
            Reason = reason,
            AcceptedAt = operation.AcceptedAt == default ? now : operation.AcceptedAt,
            FinishedAt = now,
        });
        if (RecentOperations.Count > RecentOperationLimit)
            RecentOperations.RemoveRange(0, RecentOperations.Count - RecentOperationLimit);
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known > candidate ? known : candidate;
}
