using Zun.Contracts;
using Zun.Conductor.StateMachines;
using static Zun.Contracts.ContainerStatus;

namespace Zun.Conductor.Validation;

/// <summary>
/// The statuses in which each action is valid: OpenStack Zun's VALID_STATES (zun/common/utils.py),
/// as ARCHITECTURE.md's state table lists them.
/// </summary>
internal static class ContainerActionRules
{
    private static readonly Dictionary<string, ContainerStatus[]> ValidStatuses = new()
    {
        ["start"] = [Created, Stopped, Error],
        ["stop"] = [Running],
        ["kill"] = [Running],
        ["delete"] = [Created, Error, Stopped, Deleted, Dead],
        ["delete with stop"] = [Running, Created, Error, Stopped, Deleted, Dead],
        ["delete with force"] = [Created, Creating, Error, Running, Stopped, Unknown, Deleted, Dead, Restarting, Rebuilding, Deleting],
    };

    /// <summary>Null when the operation may apply to a container in <paramref name="status"/>; otherwise why not.</summary>
    public static string? Check(ContainerOperation operation, ContainerStatus status)
    {
        var rule = RuleName(operation);
        if (!ValidStatuses.TryGetValue(rule, out var valid))
            return null;

        return valid.Contains(status)
            ? null
            : $"cannot {rule} a container in status {status}: {rule} is valid only when status is {string.Join(", ", valid)}";
    }

    private static string RuleName(ContainerOperation operation) => operation.Action switch
    {
        ContainerAction.Delete when operation.Force => "delete with force",
        ContainerAction.Delete when operation.Stop => "delete with stop",
        _ => operation.Action.ToString().ToLowerInvariant(),
    };
}
