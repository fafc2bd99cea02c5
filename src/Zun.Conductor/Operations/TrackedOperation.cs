using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>
/// The conductor's durable record of one operation (CorrelationId = OperationId), written by the container machine
/// as it publishes the operation's events, and read by <see cref="GetOperation"/>. It outlives the container.
/// </summary>
public sealed class TrackedOperation : ISagaVersion
{
    public Guid CorrelationId { get; set; }

    /// <summary>The <see cref="OperationState"/> by name.</summary>
    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public Guid? ContainerId { get; set; }

    public ContainerAction Action { get; set; }

    public string? Reason { get; set; }

    public string? Host { get; set; }

    public ContainerStatus? Status { get; set; }

    public int? ExitCode { get; set; }

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// The fingerprint of the command that claimed the operation id (<see cref="OperationClaim"/>); absent from records
    /// written before ids were claimed.
    /// </summary>
    public string? Fingerprint { get; set; }

    /// <summary>A new record holding the id for <paramref name="claim"/>, before any of its events.</summary>
    public static TrackedOperation ClaimedBy(OperationClaim claim) => new()
    {
        CorrelationId = claim.OperationId,
        ContainerId = claim.ContainerId,
        Action = claim.Action,
        ProjectId = claim.ProjectId,
        UserId = claim.UserId,
        Fingerprint = claim.Fingerprint,
    };

    // Methods rather than properties: the stores serialise every property.
    public OperationState? GetState() => Enum.TryParse<OperationState>(CurrentState, out var state) ? state : null;

    /// <summary>
    /// Whether <paramref name="claim"/> is the command this id stands for: the same fingerprint or, on a record written
    /// before fingerprints were kept, the same container and action.
    /// </summary>
    public bool StandsFor(OperationClaim claim) =>
        Fingerprint is null ? ContainerId == claim.ContainerId && Action == claim.Action : Fingerprint == claim.Fingerprint;

    /// <summary>What the id stands for, to tell a command that claims it for something else.</summary>
    public OperationClaim AsClaim() => new(CorrelationId, ContainerId, Action, ProjectId, UserId, Fingerprint ?? "");

    public bool HasEnded() => GetState() is OperationState.Completed or OperationState.Failed or OperationState.Rejected or OperationState.TimedOut;

    /// <summary>
    /// Moves the record forward: a dispatch never takes it back to accepted, and the first end it reaches is final,
    /// so a replayed or late event adds what it knows without changing how the operation ended.
    /// </summary>
    public void Advance(OperationState state)
    {
        if (HasEnded() || (state == OperationState.Accepted && GetState() == OperationState.Dispatched))
            return;
        CurrentState = state.ToString();
    }

    public OperationInfo ToInfo() => new()
    {
        OperationId = CorrelationId,
        ContainerId = ContainerId,
        Action = Action,
        State = GetState() ?? OperationState.Accepted,
        Reason = Reason,
        Host = Host,
        Status = Status,
        ExitCode = ExitCode,
        AcceptedAt = AcceptedAt,
        DispatchedAt = DispatchedAt,
        FinishedAt = FinishedAt,
    };
}
