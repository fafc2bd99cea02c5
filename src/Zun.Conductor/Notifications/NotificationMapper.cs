using Zun.Contracts;

namespace Zun.Conductor.Notifications;

/// <summary>
/// Turns the typed operation events into OpenStack notifications: accepted is <c>.start</c>, completed
/// is <c>.end</c>, and failed, rejected or timed out is <c>.error</c> (priority ERROR).
/// </summary>
internal static class NotificationMapper
{
    public const string Info = "INFO";
    public const string Error = "ERROR";

    public static OsloNotification From(OperationAccepted e, Guid messageId) =>
        Create(messageId, e.Action, "start", Info, e.Timestamp, e.OperationId, e.ContainerId, e.Container, e.Image, e.ProjectId, e.UserId);

    public static OsloNotification From(OperationCompleted e, Guid messageId) =>
        Create(messageId, e.Action, "end", Info, e.Timestamp, e.OperationId, e.ContainerId, e.Container, e.Image, null, null,
            host: e.Host, exitCode: e.ExitCode);

    public static OsloNotification From(OperationFailed e, Guid messageId) =>
        Create(messageId, e.Action, "error", Error, e.Timestamp, e.OperationId, e.ContainerId, e.Container, e.Image, null, null,
            host: e.Host, reason: e.Reason);

    public static OsloNotification From(OperationRejected e, Guid messageId) =>
        Create(messageId, e.Action, "error", Error, e.Timestamp, e.OperationId, e.ContainerId, e.Container, e.Image, e.ProjectId, e.UserId,
            reason: e.Reason);

    public static OsloNotification From(OperationTimedOut e, Guid messageId) =>
        Create(messageId, e.Action, "error", Error, e.Timestamp, e.OperationId, e.ContainerId, e.Container, e.Image, null, null,
            host: e.Host, reason: e.Reason);

    /// <summary>A command that could not be read: which routing key, and what is wrong with it.</summary>
    public static OsloNotification CommandError(Guid messageId, string? routingKey, string problem, DateTimeOffset timestamp) =>
        new(messageId, "command.error", Error, new Dictionary<string, object?>
        {
            ["command"] = routingKey,
            ["problem"] = problem,
        }, timestamp);

    /// <summary>OpenStack's name for an action in event types: <c>container.&lt;action&gt;.*</c> or <c>image.pull.*</c>.</summary>
    public static string EventPrefix(ContainerAction action) => action switch
    {
        ContainerAction.PullImage => "image.pull",
        _ => $"container.{action.ToString().ToLowerInvariant()}",
    };

    private static OsloNotification Create(
        Guid messageId, ContainerAction action, string phase, string priority, DateTimeOffset timestamp,
        Guid operationId, Guid? containerId, ContainerSummary? container, string? image, string? projectId, string? userId,
        string? host = null, int? exitCode = null, string? reason = null)
    {
        var payload = new Dictionary<string, object?>
        {
            ["operation_id"] = operationId.ToString("D"),
            ["uuid"] = (container?.ContainerId ?? containerId)?.ToString("D"),
            ["name"] = container?.Name,
            ["image"] = container?.Image ?? image,
            ["status"] = container?.Status.ToString(),
            ["status_reason"] = container?.StatusReason,
            ["task_state"] = container?.TaskState is { } task ? TaskStateName(task) : null,
            ["host"] = container?.Host ?? host,
            ["project_id"] = container?.ProjectId ?? projectId,
            ["user_id"] = container?.UserId ?? userId,
            ["exit_code"] = exitCode ?? container?.ExitCode,
        };
        if (reason is not null)
            payload["reason"] = reason;

        return new OsloNotification(messageId, $"{EventPrefix(action)}.{phase}", priority, payload, timestamp);
    }

    private static string TaskStateName(TaskState state) =>
        System.Text.Json.JsonSerializer.Serialize(state).Trim('"');
}
