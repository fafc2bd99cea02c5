using System.Text.Json.Serialization;
using Zun.Contracts;

namespace Zun.Client;

/// <summary>An event Zun published, as the client heard it: its contract type's name and the message itself.</summary>
public sealed record ZunEvent
{
    public ZunEvent(object message)
    {
        Message = message;
        Type = message.GetType().Name;
    }

    /// <summary>The contract type's name, e.g. <c>ContainerStatusChanged</c>.</summary>
    public string Type { get; }

    /// <summary>The event: one of Zun.Contracts' event records.</summary>
    public object Message { get; }

    /// <summary>The operation the event belongs to, if any.</summary>
    [JsonIgnore]
    public Guid? OperationId => Message switch
    {
        OperationAccepted e => e.OperationId,
        OperationDispatched e => e.OperationId,
        OperationCompleted e => e.OperationId,
        OperationFailed e => e.OperationId,
        OperationRejected e => e.OperationId,
        OperationTimedOut e => e.OperationId,
        ContainerStatusChanged e => e.OperationId,
        ImagePulled e => e.OperationId,
        ImagePullFailed e => e.OperationId,
        _ => null,
    };

    /// <summary>The container the event is about, if any.</summary>
    [JsonIgnore]
    public Guid? ContainerId => Message switch
    {
        OperationAccepted e => e.ContainerId,
        OperationDispatched e => e.ContainerId,
        OperationCompleted e => e.ContainerId,
        OperationFailed e => e.ContainerId,
        OperationRejected e => e.ContainerId,
        OperationTimedOut e => e.ContainerId,
        ContainerStatusChanged e => e.ContainerId,
        _ => null,
    };

    /// <summary>When Zun published it.</summary>
    [JsonIgnore]
    public DateTimeOffset Timestamp => Message switch
    {
        OperationAccepted e => e.Timestamp,
        OperationDispatched e => e.Timestamp,
        OperationCompleted e => e.Timestamp,
        OperationFailed e => e.Timestamp,
        OperationRejected e => e.Timestamp,
        OperationTimedOut e => e.Timestamp,
        ContainerStatusChanged e => e.Timestamp,
        ImagePulled e => e.Timestamp,
        ImagePullFailed e => e.Timestamp,
        JobAccepted e => e.Timestamp,
        JobStarted e => e.Timestamp,
        JobAttemptFailed e => e.Timestamp,
        JobSucceeded e => e.Timestamp,
        JobFailed e => e.Timestamp,
        JobTimedOut e => e.Timestamp,
        JobCancelled e => e.Timestamp,
        _ => default,
    };

    /// <summary>The batch job the event is about, if any.</summary>
    [JsonIgnore]
    public Guid? JobId => Message switch
    {
        JobAccepted e => e.JobId,
        JobStarted e => e.JobId,
        JobAttemptFailed e => e.JobId,
        JobSucceeded e => e.JobId,
        JobFailed e => e.JobId,
        JobTimedOut e => e.JobId,
        JobCancelled e => e.JobId,
        _ => null,
    };
}
