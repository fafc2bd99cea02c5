using Zun.Conductor.StateMachines;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>
/// One container command: the action it asks for and everything the conductor needs to know of that action. What makes
/// its own fields invalid (the ids are checked for every command), what of it the operation keeps, which row of the
/// state table governs it, and what it shows and leaves behind: the task state in flight, the status in flight when it
/// changes, and the status once it succeeds.
/// </summary>
internal sealed class ContainerCommand<T>(ContainerAction action, TaskState inFlightTaskState) : IContainerCommandEntry
    where T : class, IContainerCommand
{
    public Type CommandType => typeof(T);

    public ContainerAction Action => action;

    public TaskState InFlightTaskState => inFlightTaskState;

    /// <summary>Checks of the command's own fields: null when valid, otherwise why not, naming the field.</summary>
    public Func<T, string?>? Checks { get; init; }

    /// <summary>The cpu and memory the command asks for, which are held to the limits of the host it would run on.</summary>
    public Func<T, (double? Cpu, int? MemoryMb)>? Resources { get; init; }

    /// <summary>
    /// Whether the operation changes the container's cpu or memory: its claim on its host and what it counts against its
    /// project's quotas take the new size when it is accepted, and it is refused when either cannot.
    /// </summary>
    public bool ResizesClaim { get; init; }

    /// <summary>Copies what the operation needs of the command onto it.</summary>
    public Action<T, ContainerOperation>? Describe { get; init; }

    /// <summary>The state table's row for the operation; null for an action valid in any status.</summary>
    public Func<ContainerOperation, ContainerRule?> Rule { get; init; } = _ => null;

    /// <summary>The status once the operation succeeds, from the status before it.</summary>
    public Func<ContainerOperation, ContainerStatus, ContainerStatus> StatusAfter { get; init; } = (_, before) => before;

    public ContainerStatus? InFlightStatus { get; init; }

    /// <summary>Whether a worker carries the operation out, or it changes only Zun's own record.</summary>
    public bool RunsOnHost { get; init; } = true;

    public string? Validate(T command, ResourceLimits limits) =>
        CommandValidator.Ids(command)
        ?? Checks?.Invoke(command)
        ?? (Resources?.Invoke(command) is { } asked ? limits.Check(asked.Cpu, asked.MemoryMb) : null);

    public string? Validate(IContainerCommand command, ResourceLimits limits) => Validate((T)command, limits);

    public ContainerOperation ToOperation(T command)
    {
        var operation = new ContainerOperation { OperationId = command.OperationId, Action = action, UserId = command.UserId };
        Describe?.Invoke(command, operation);
        return operation;
    }

    public ContainerRule? RuleFor(ContainerOperation operation) => Rule(operation);

    public ContainerStatus StatusOnceDone(ContainerOperation operation, ContainerStatus before) => StatusAfter(operation, before);

    public void Visit(IContainerCommandVisitor visitor) => visitor.Visit(this);
}
