using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>What wires every command of the catalogue the same way: the state machine's events, for one.</summary>
internal interface IContainerCommandVisitor
{
    void Visit<T>(ContainerCommand<T> command)
        where T : class, IContainerCommand;
}
