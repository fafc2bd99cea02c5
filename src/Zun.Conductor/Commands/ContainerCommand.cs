using Zun.Conductor.StateMachines;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>
/// One container command: the action it asks for, what makes its own fields invalid (the ids are checked for every
/// command), and what of it the operation keeps while it waits and runs.
/// </summary>
internal sealed class ContainerCommand<T>(
    ContainerAction action, Func<T, string?>? validate = null, Action<T, ContainerOperation>? describe = null) : IContainerCommandEntry
    where T : class, IContainerCommand
{
    public Type CommandType => typeof(T);

    public ContainerAction Action => action;

    public string? Validate(T command) => CommandValidator.Ids(command) ?? validate?.Invoke(command);

    public string? Validate(IContainerCommand command) => Validate((T)command);

    public ContainerOperation ToOperation(T command)
    {
        var operation = new ContainerOperation { OperationId = command.OperationId, Action = action, UserId = command.UserId };
        describe?.Invoke(command, operation);
        return operation;
    }

    public void Visit(IContainerCommandVisitor visitor) => visitor.Visit(this);
}
