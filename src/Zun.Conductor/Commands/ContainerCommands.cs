using System.Collections.Frozen;
using Zun.Conductor.Validation;
using Zun.Contracts;
using static Zun.Contracts.ContainerStatus;

namespace Zun.Conductor.Commands;

/// <summary>
/// The catalogue: every container command the conductor accepts, one entry each. The state machine's events and their
/// partitions, the state-table check and the statuses of each operation, the plain-JSON routing keys and the
/// rejections of commands for unknown containers all come from here, so adding a command is adding its entry (tests
/// fail for a contract without one).
/// </summary>
internal static class ContainerCommands
{
    // Before All, which lists it: static initialisers run in the order they are written.

    /// <summary>The create, which the state machine also handles before any record of the container exists.</summary>
    public static ContainerCommand<CreateContainer> Create { get; } = new(ContainerAction.Create, TaskState.ContainerCreating)
    {
        Checks = CommandValidator.Validate,
        Resources = c => (c.Cpu, c.MemoryMb),
        Describe = (c, operation) => operation.Run = c.Run,
        StatusAfter = (operation, _) => operation.Run ? Running : Created,
    };

    public static IReadOnlyList<IContainerCommandEntry> All { get; } =
    [
        Create,
        new ContainerCommand<StartContainer>(ContainerAction.Start, TaskState.ContainerStarting)
        {
            Rule = _ => ContainerRule.Start,
            StatusAfter = (_, _) => Running,
        },
        new ContainerCommand<StopContainer>(ContainerAction.Stop, TaskState.ContainerStopping)
        {
            Checks = c => CommandValidator.Timeout(c.TimeoutSeconds),
            Describe = (c, operation) => operation.TimeoutSeconds = c.TimeoutSeconds,
            Rule = _ => ContainerRule.Stop,
            StatusAfter = (_, _) => Stopped,
        },
        new ContainerCommand<RestartContainer>(ContainerAction.Restart, TaskState.ContainerRebooting)
        {
            Checks = c => CommandValidator.Timeout(c.TimeoutSeconds),
            Describe = (c, operation) => operation.TimeoutSeconds = c.TimeoutSeconds,
            Rule = _ => ContainerRule.Reboot,
            StatusAfter = (_, _) => Running,
        },
        new ContainerCommand<PauseContainer>(ContainerAction.Pause, TaskState.ContainerPausing)
        {
            Rule = _ => ContainerRule.Pause,
            StatusAfter = (_, _) => Paused,
        },
        new ContainerCommand<UnpauseContainer>(ContainerAction.Unpause, TaskState.ContainerUnpausing)
        {
            Rule = _ => ContainerRule.Unpause,
            StatusAfter = (_, _) => Running,
        },
        new ContainerCommand<KillContainer>(ContainerAction.Kill, TaskState.ContainerKilling)
        {
            Checks = c => CommandValidator.Signal(c.Signal),
            Describe = (c, operation) => operation.Signal = Signals.Normalize(c.Signal) ?? c.Signal,
            Rule = _ => ContainerRule.Kill,
            // A signal the process may handle (SIGHUP, say) leaves it running.
            StatusAfter = (operation, before) => operation.Signal is null || Signals.Terminates(operation.Signal) ? Stopped : before,
        },
        new ContainerCommand<DeleteContainer>(ContainerAction.Delete, TaskState.ContainerDeleting)
        {
            Describe = (c, operation) => (operation.Force, operation.Stop) = (c.Force, c.Stop),
            Rule = operation => operation.Force ? ContainerRule.DeleteWithForce : operation.Stop ? ContainerRule.DeleteWithStop : ContainerRule.Delete,
            StatusAfter = (_, _) => Deleted,
            InFlightStatus = Deleting,
        },
        new ContainerCommand<UpdateContainer>(ContainerAction.Update, TaskState.ContainerUpdating)
        {
            Checks = c => c.Cpu is null && c.MemoryMb is null ? "update must change cpu, memoryMb or both" : null,
            Resources = c => (c.Cpu, c.MemoryMb),
            ResizesClaim = true,
            Describe = (c, operation) => (operation.Cpu, operation.MemoryMb) = (c.Cpu, c.MemoryMb),
            Rule = _ => ContainerRule.Update,
        },
        new ContainerCommand<RenameContainer>(ContainerAction.Rename, TaskState.ContainerRenaming)
        {
            Checks = c => string.IsNullOrWhiteSpace(c.Name) ? "name must not be empty" : CommandValidator.Name(c.Name),
            Describe = (c, operation) => operation.Name = c.Name,
            RunsOnHost = false,
        },
        new ContainerCommand<CommitContainer>(ContainerAction.Commit, TaskState.ContainerCommitting)
        {
            Checks = c => CommandValidator.Repository(c.Repository) ?? CommandValidator.Tag(c.Tag),
            Describe = (c, operation) => (operation.Repository, operation.Tag) = (c.Repository, string.IsNullOrWhiteSpace(c.Tag) ? "latest" : c.Tag),
            Rule = _ => ContainerRule.Commit,
        },
        new ContainerCommand<RebuildContainer>(ContainerAction.Rebuild, TaskState.ContainerRebuilding)
        {
            Checks = c => string.IsNullOrWhiteSpace(c.Image) ? null : CommandValidator.Image(c.Image, "image"),
            Describe = (c, operation) => operation.Image = string.IsNullOrWhiteSpace(c.Image) ? null : c.Image.Trim(),
            Rule = _ => ContainerRule.Rebuild,
            StatusAfter = (_, before) => before == Running ? Running : Created,
            InFlightStatus = Rebuilding,
        },
    ];

    // Before TypesByName: static fields are set in the order written.
    /// <summary>The commands that are not about one container, each with the action its operation is recorded as.</summary>
    private static readonly FrozenDictionary<Type, ContainerAction> OtherCommands = new Dictionary<Type, ContainerAction>
    {
        [typeof(PullImage)] = ContainerAction.PullImage,
        [typeof(RunJob)] = ContainerAction.RunJob,
        [typeof(CancelJob)] = ContainerAction.CancelJob,
    }.ToFrozenDictionary();

    /// <summary>Every command a client may publish, the container commands, the image pull and the batch job's, by type name.</summary>
    public static IReadOnlyDictionary<string, Type> TypesByName { get; } =
        All.Select(c => c.CommandType).Concat(OtherCommands.Keys).ToDictionary(t => t.Name, StringComparer.Ordinal);

    // Looked up for every command and, by action, for every operation's statuses: once here, not a scan each time.
    private static readonly FrozenDictionary<Type, IContainerCommandEntry> ByType = All.ToFrozenDictionary(c => c.CommandType);
    private static readonly FrozenDictionary<ContainerAction, IContainerCommandEntry> ByAction = All.ToFrozenDictionary(c => c.Action);

    public static IContainerCommandEntry For(IContainerCommand command) =>
        ByType.TryGetValue(command.GetType(), out var entry)
            ? entry
            : throw new ArgumentException($"{command.GetType().Name} has no entry in the command catalogue", nameof(command));

    /// <summary>The action a command type of <see cref="TypesByName"/> asks for.</summary>
    public static ContainerAction ActionOf(Type commandType) =>
        OtherCommands.TryGetValue(commandType, out var action) ? action
        : ByType.TryGetValue(commandType, out var entry) ? entry.Action
        : throw new ArgumentException($"{commandType.Name} is not a command of the catalogue", nameof(commandType));

    /// <summary>The entry of the command that asks for <paramref name="action"/>.</summary>
    public static IContainerCommandEntry ForAction(ContainerAction action) =>
        ByAction.TryGetValue(action, out var entry)
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(action), action, "no command of the catalogue asks for this action");

    /// <summary>Null when the command's fields are valid, its resources held to <paramref name="limits"/>; otherwise why not, naming the field.</summary>
    public static string? Validate(IContainerCommand command, ResourceLimits limits) => For(command).Validate(command, limits);
}
