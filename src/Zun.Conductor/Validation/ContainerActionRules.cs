using Zun.Conductor.StateMachines;
using Zun.Contracts;
using static Zun.Contracts.ContainerStatus;

namespace Zun.Conductor.Validation;

/// <summary>
/// The statuses in which each action is valid: OpenStack Zun's VALID_STATES (zun/common/utils.py),
/// every row of the state table in ARCHITECTURE.md.
/// </summary>
internal static class ContainerActionRules
{
    private static readonly Dictionary<string, ContainerStatus[]> ValidStatuses = new()
    {
        ["start"] = [Created, Stopped, Error],
        ["stop"] = [Running],
        ["reboot"] = [Created, Running, Stopped, Error],
        ["rebuild"] = [Created, Running, Stopped, Error],
        ["pause"] = [Running],
        ["kill"] = [Running],
        ["execute"] = [Running],
        ["resize"] = [Running],
        ["top"] = [Running],
        ["stats"] = [Running],
        ["attach"] = [Running],
        ["unpause"] = [Paused],
        ["commit"] = [Running, Stopped, Paused],
        ["update"] = [Created, Running, Stopped, Paused],
        ["resize_container"] = [Created, Running, Stopped, Paused],
        ["get_archive"] = [Created, Paused, Running, Stopped],
        ["put_archive"] = [Created, Paused, Running, Stopped],
        ["logs"] = [Created, Error, Paused, Running, Stopped, Unknown],
        ["delete"] = [Created, Error, Stopped, Deleted, Dead],
        ["delete with stop"] = [Running, Created, Error, Stopped, Deleted, Dead],
        ["delete with force"] = [Created, Creating, Error, Running, Stopped, Unknown, Deleted, Dead, Restarting, Rebuilding, Deleting],
    };

    /// <summary>Every rule name, as the state table spells the action.</summary>
    public static IReadOnlyCollection<string> Rules => ValidStatuses.Keys;

    /// <summary>Null when the operation may apply to a container in <paramref name="status"/>; otherwise why not.</summary>
    public static string? Check(ContainerOperation operation, ContainerStatus status) => Check(RuleName(operation), status);

    /// <summary>Null when the action (a rule name of the table) is valid in <paramref name="status"/>; otherwise why not.</summary>
    public static string? Check(string rule, ContainerStatus status)
    {
        if (!ValidStatuses.TryGetValue(rule, out var valid))
            return null;

        return valid.Contains(status)
            ? null
            : $"cannot {rule} a container in status {status}: {rule} is valid only when status is {string.Join(", ", valid)}";
    }

    /// <summary>The state table's name for an operation (OpenStack Zun calls a restart "reboot").</summary>
    public static string RuleName(ContainerOperation operation) => operation.Action switch
    {
        ContainerAction.Delete when operation.Force => "delete with force",
        ContainerAction.Delete when operation.Stop => "delete with stop",
        ContainerAction.Restart => "reboot",
        ContainerAction.Exec => "execute",
        _ => operation.Action.ToString().ToLowerInvariant(),
    };
}
