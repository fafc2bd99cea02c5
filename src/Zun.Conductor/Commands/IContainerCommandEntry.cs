using Zun.Conductor.StateMachines;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Commands;

/// <summary>A catalogue entry seen without its command type; <see cref="Visit"/> gets the type back.</summary>
internal interface IContainerCommandEntry
{
    Type CommandType { get; }

    ContainerAction Action { get; }

    TaskState InFlightTaskState { get; }

    ContainerStatus? InFlightStatus { get; }

    bool RunsOnHost { get; }

    /// <summary>
    /// Null when the command may be accepted as far as its own fields go, its resources held to <paramref name="limits"/>;
    /// otherwise why not, naming the field.
    /// </summary>
    string? Validate(IContainerCommand command, ResourceLimits limits);

    ContainerRule? RuleFor(ContainerOperation operation);

    ContainerStatus StatusOnceDone(ContainerOperation operation, ContainerStatus before);

    /// <summary>Hands the typed entry to <paramref name="visitor"/>, which registers what the command needs.</summary>
    void Visit(IContainerCommandVisitor visitor);
}
