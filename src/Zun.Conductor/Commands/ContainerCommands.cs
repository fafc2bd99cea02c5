using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>
/// The catalogue: every container command the conductor accepts, one entry each. The state machine's events and their
/// partitions, the plain-JSON routing keys and the rejections of commands for unknown containers all come from here,
/// so adding a command is adding its entry (tests fail for a contract without one).
/// </summary>
internal static class ContainerCommands
{
    // Before All, which lists it: static initialisers run in the order they are written.
    /// <summary>The create, which the state machine also handles before any record of the container exists.</summary>
    public static ContainerCommand<CreateContainer> Create { get; } =
        new(ContainerAction.Create, CommandValidator.Validate, (c, operation) => operation.Run = c.Run);

    public static IReadOnlyList<IContainerCommandEntry> All { get; } =
    [
        Create,
        new ContainerCommand<StartContainer>(ContainerAction.Start),
        new ContainerCommand<StopContainer>(ContainerAction.Stop,
            c => CommandValidator.Timeout(c.TimeoutSeconds),
            (c, operation) => operation.TimeoutSeconds = c.TimeoutSeconds),
        new ContainerCommand<RestartContainer>(ContainerAction.Restart,
            c => CommandValidator.Timeout(c.TimeoutSeconds),
            (c, operation) => operation.TimeoutSeconds = c.TimeoutSeconds),
        new ContainerCommand<PauseContainer>(ContainerAction.Pause),
        new ContainerCommand<UnpauseContainer>(ContainerAction.Unpause),
        new ContainerCommand<KillContainer>(ContainerAction.Kill,
            c => CommandValidator.Signal(c.Signal),
            (c, operation) => operation.Signal = Signals.Normalize(c.Signal) ?? c.Signal),
        new ContainerCommand<DeleteContainer>(ContainerAction.Delete,
            describe: (c, operation) => (operation.Force, operation.Stop) = (c.Force, c.Stop)),
        new ContainerCommand<UpdateContainer>(ContainerAction.Update,
            c => (c.Cpu is null && c.MemoryMb is null ? "update must change cpu, memoryMb or both" : null)
                ?? CommandValidator.Memory(c.MemoryMb)
                ?? CommandValidator.Cpu(c.Cpu),
            (c, operation) => (operation.Cpu, operation.MemoryMb) = (c.Cpu, c.MemoryMb)),
        new ContainerCommand<RenameContainer>(ContainerAction.Rename,
            c => string.IsNullOrWhiteSpace(c.Name) ? "name must not be empty" : CommandValidator.Name(c.Name),
            (c, operation) => operation.Name = c.Name),
        new ContainerCommand<CommitContainer>(ContainerAction.Commit,
            c => CommandValidator.Repository(c.Repository) ?? CommandValidator.Tag(c.Tag),
            (c, operation) => (operation.Repository, operation.Tag) = (c.Repository, string.IsNullOrWhiteSpace(c.Tag) ? "latest" : c.Tag)),
        new ContainerCommand<RebuildContainer>(ContainerAction.Rebuild,
            c => string.IsNullOrWhiteSpace(c.Image) ? null : CommandValidator.Image(c.Image, "image"),
            (c, operation) => operation.Image = string.IsNullOrWhiteSpace(c.Image) ? null : c.Image.Trim()),
    ];

    /// <summary>Every command a client may publish, the container commands and the image pull, by type name.</summary>
    public static IReadOnlyDictionary<string, Type> TypesByName { get; } =
        All.Select(c => c.CommandType).Append(typeof(PullImage)).ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IContainerCommandEntry For(IContainerCommand command) =>
        All.FirstOrDefault(c => c.CommandType == command.GetType())
        ?? throw new ArgumentException($"{command.GetType().Name} has no entry in the command catalogue", nameof(command));

    /// <summary>Null when the command's fields are valid; otherwise why not, naming the field.</summary>
    public static string? Validate(IContainerCommand command) => For(command).Validate(command);
}
