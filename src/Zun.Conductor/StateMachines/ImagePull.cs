using MassTransit;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// One image pull (CorrelationId = OperationId): which image, on which host. Its methods are the decisions, each raising
/// the operation event that says what happened, which the machine publishes once the record is saved.
/// </summary>
public sealed class ImagePull : SagaStateMachineInstance, ISagaVersion, IRaisesEvents
{
    // Not part of the stored record: what the current message's decisions raised.
    private readonly List<object> _raised = [];

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public string Image { get; set; } = "";

    public string? RequestedHost { get; set; }

    public string? Host { get; set; }

    public string? HostEndpoint { get; set; }

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>When the pull ended (succeeded, failed or timed out); the record is purged a retention period later.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The scheduled <see cref="OperationDeadlineExpired"/> of the pull in flight.</summary>
    public Guid? DeadlineTokenId { get; set; }

    public IReadOnlyList<object> TakeRaised()
    {
        var raised = _raised.ToArray();
        _raised.Clear();
        return raised;
    }

    public void Accept(PullImage command, DateTimeOffset now)
    {
        Image = command.Image.Trim();
        RequestedHost = string.IsNullOrWhiteSpace(command.Host) ? null : command.Host.Trim();
        ProjectId = command.ProjectId;
        UserId = command.UserId;
        AcceptedAt = now;
        _raised.Add(new OperationAccepted
        {
            OperationId = command.OperationId,
            Action = ContainerAction.PullImage,
            ProjectId = command.ProjectId,
            UserId = command.UserId,
            Image = Image,
            Timestamp = AcceptedAt,
        });
    }

    /// <summary>A pull refused for its input: nothing is recorded.</summary>
    public void Refuse(PullImage command, string reason, DateTimeOffset now) =>
        _raised.Add(new OperationRejected
        {
            OperationId = command.OperationId,
            Action = ContainerAction.PullImage,
            Reason = reason,
            Image = command.Image,
            ProjectId = command.ProjectId,
            UserId = command.UserId,
            Timestamp = now,
        });

    public void PlaceOn(string host, string endpoint) => (Host, HostEndpoint) = (host, endpoint);

    /// <summary>The work for the host, which it must finish within <paramref name="deadline"/>; the pull is dispatched.</summary>
    public PullImageOnHost SendPull(DateTimeOffset now, TimeSpan deadline)
    {
        _raised.Add(new OperationDispatched { OperationId = CorrelationId, Action = ContainerAction.PullImage, Host = Host!, Timestamp = now });
        return new PullImageOnHost { OperationId = CorrelationId, Image = Image, Host = Host!, Deadline = now + deadline };
    }

    public void Succeed(DateTimeOffset now)
    {
        FinishedAt = now;
        RaiseSucceeded(now);
    }

    public void Fail(ImagePullFailed failure, DateTimeOffset now)
    {
        FinishedAt = now;
        RaiseFailed(failure, now);
    }

    public void TimeOut(TimeSpan deadline, DateTimeOffset now) =>
        EndTimedOut($"pull of {Image} got no outcome from host {Host} within {deadline.TotalSeconds:0} s", now);

    /// <summary>No worker to pull on came within the wait's deadline.</summary>
    public void GiveUpWaitingForHost(string whyNone, TimeSpan waited, DateTimeOffset now) =>
        EndTimedOut($"pull of {Image} waited {waited.TotalSeconds:0} s for {(RequestedHost is null ? "a live worker" : $"host {RequestedHost}")}: {whyNone}", now);

    /// <summary>
    /// The outcome again, for a message RabbitMQ redelivered after the conductor died between saving the pull's end and
    /// publishing it.
    /// </summary>
    public void RaiseSucceeded(DateTimeOffset now) =>
        _raised.Add(new OperationCompleted { OperationId = CorrelationId, Action = ContainerAction.PullImage, Host = Host, Image = Image, Timestamp = now });

    /// <inheritdoc cref="RaiseSucceeded"/>
    public void RaiseFailed(ImagePullFailed failure, DateTimeOffset now) =>
        _raised.Add(new OperationFailed
        {
            OperationId = CorrelationId,
            Action = ContainerAction.PullImage,
            Host = failure.Host,
            Reason = failure.Reason,
            Image = Image,
            Timestamp = now,
        });

    private void EndTimedOut(string reason, DateTimeOffset now)
    {
        FinishedAt = now;
        _raised.Add(new OperationTimedOut
        {
            OperationId = CorrelationId,
            Action = ContainerAction.PullImage,
            Host = Host,
            Image = Image,
            Reason = reason,
            Timestamp = now,
        });
    }
}
