using System.Collections.Frozen;
using Zun.Conductor.Commands;
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
    private sealed record Row(string Name, ContainerStatus[] ValidIn);

    private static readonly FrozenDictionary<ContainerRule, Row> Table = new Dictionary<ContainerRule, Row>
    {
        [ContainerRule.Start] = new("start", [Created, Stopped, Error]),
        [ContainerRule.Stop] = new("stop", [Running]),
        [ContainerRule.Reboot] = new("reboot", [Created, Running, Stopped, Error]),
        [ContainerRule.Rebuild] = new("rebuild", [Created, Running, Stopped, Error]),
        [ContainerRule.Pause] = new("pause", [Running]),
        [ContainerRule.Kill] = new("kill", [Running]),
        [ContainerRule.Execute] = new("execute", [Running]),
        [ContainerRule.Resize] = new("resize", [Running]),
        [ContainerRule.Top] = new("top", [Running]),
        [ContainerRule.Stats] = new("stats", [Running]),
        [ContainerRule.Attach] = new("attach", [Running]),
        [ContainerRule.Unpause] = new("unpause", [Paused]),
        [ContainerRule.Commit] = new("commit", [Running, Stopped, Paused]),
        [ContainerRule.Update] = new("update", [Created, Running, Stopped, Paused]),
        [ContainerRule.ResizeContainer] = new("resize_container", [Created, Running, Stopped, Paused]),
        [ContainerRule.GetArchive] = new("get_archive", [Created, Paused, Running, Stopped]),
        [ContainerRule.PutArchive] = new("put_archive", [Created, Paused, Running, Stopped]),
        [ContainerRule.Logs] = new("logs", [Created, Error, Paused, Running, Stopped, Unknown]),
        [ContainerRule.Delete] = new("delete", [Created, Error, Stopped, Deleted, Dead]),
        [ContainerRule.DeleteWithStop] = new("delete with stop", [Running, Created, Error, Stopped, Deleted, Dead]),
        [ContainerRule.DeleteWithForce] = new("delete with force",
            [Created, Creating, Error, Running, Stopped, Unknown, Deleted, Dead, Restarting, Rebuilding, Deleting]),
    }.ToFrozenDictionary();

    /// <summary>Every rule, by the name the state table spells it with.</summary>
    public static IReadOnlyDictionary<ContainerRule, string> Names { get; } = Table.ToFrozenDictionary(r => r.Key, r => r.Value.Name);

    /// <summary>Null when the operation may apply to a container in <paramref name="status"/>; otherwise why not.</summary>
    public static string? Check(ContainerOperation operation, ContainerStatus status) =>
        RuleFor(operation) is { } rule ? Check(rule, status) : null;

    /// <summary>Null when the action is valid in <paramref name="status"/>; otherwise why not, naming both.</summary>
    public static string? Check(ContainerRule rule, ContainerStatus status)
    {
        // A rule without a row is a mistake in this table, never a check switched off.
        var row = Table.TryGetValue(rule, out var found) ? found : throw new InvalidOperationException($"the state table has no row for {rule}");
        return row.ValidIn.Contains(status)
            ? null
            : $"cannot {row.Name} a container in status {status}: {row.Name} is valid only when status is {string.Join(", ", row.ValidIn)}";
    }

    /// <summary>
    /// The state table's row for an operation, as its command's catalogue entry names it (OpenStack Zun calls a restart
    /// "reboot"), or null for those valid in any status: a create (the container is new) and a rename (it changes only
    /// Zun's record). An exec is a request, not a command, and has its own row.
    /// </summary>
    public static ContainerRule? RuleFor(ContainerOperation operation) =>
        operation.Action == ContainerAction.Exec ? ContainerRule.Execute : ContainerCommands.ForAction(operation.Action).RuleFor(operation);
}
