using System.Text;
using Zun.Contracts;

namespace Zun.Cli.Output;

/// <summary>One event in one line of <c>key=value</c> pairs, for people and for grep.</summary>
internal static class EventText
{
    public static string Describe(object message) => message switch
    {
        ContainerStatusChanged e => Pairs(("container", e.ContainerId), ("status", e.Status), ("previous", e.PreviousStatus),
            ("task", Renderer.TaskStateName(e.TaskState)), ("host", e.Host), ("exitCode", e.ExitCode), ("reason", e.StatusReason), ("operation", e.OperationId)),
        OperationAccepted e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId)),
        OperationDispatched e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId), ("host", e.Host)),
        OperationCompleted e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId), ("status", e.Status), ("exitCode", e.ExitCode), ("host", e.Host)),
        OperationFailed e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId), ("status", e.Status), ("host", e.Host), ("reason", e.Reason)),
        OperationRejected e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId), ("reason", e.Reason)),
        OperationTimedOut e => Pairs(("operation", e.OperationId), ("action", e.Action), ("container", e.ContainerId), ("host", e.Host), ("reason", e.Reason)),
        ImagePulled e => Pairs(("operation", e.OperationId), ("image", e.Image), ("host", e.Host)),
        ImagePullFailed e => Pairs(("operation", e.OperationId), ("image", e.Image), ("host", e.Host), ("reason", e.Reason)),
        _ => message.ToString() ?? "",
    };

    private static string Pairs(params (string Key, object? Value)[] pairs)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (value is null)
                continue;
            var shown = CliConsole.OneLine(value.ToString() ?? "");
            text.Append(text.Length == 0 ? "" : " ").Append(key).Append('=')
                .Append(shown.Contains(' ', StringComparison.Ordinal) ? $"\"{shown}\"" : shown);
        }

        return text.ToString();
    }
}
