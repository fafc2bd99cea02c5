using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>An accepted operation on a container, waiting its turn or in flight on a host.</summary>
public sealed class ContainerOperation
{
    public Guid OperationId { get; set; }

    public ContainerAction Action { get; set; }

    public bool Run { get; set; }

    public int? TimeoutSeconds { get; set; }

    public string? Signal { get; set; }

    public bool Force { get; set; }

    public bool Stop { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public static ContainerOperation From(CreateContainer command) =>
        new() { OperationId = command.OperationId, Action = ContainerAction.Create, Run = command.Run, UserId = command.UserId };

    public static ContainerOperation From(StartContainer command) =>
        new() { OperationId = command.OperationId, Action = ContainerAction.Start, UserId = command.UserId };

    public static ContainerOperation From(StopContainer command) =>
        new() { OperationId = command.OperationId, Action = ContainerAction.Stop, TimeoutSeconds = command.TimeoutSeconds, UserId = command.UserId };

    public static ContainerOperation From(KillContainer command) =>
        new()
        {
            OperationId = command.OperationId,
            Action = ContainerAction.Kill,
            Signal = Validation.Signals.Normalize(command.Signal) ?? command.Signal,
            UserId = command.UserId,
        };

    public static ContainerOperation From(DeleteContainer command) =>
        new() { OperationId = command.OperationId, Action = ContainerAction.Delete, Force = command.Force, Stop = command.Stop, UserId = command.UserId };

    /// <summary>The status the container has once this operation succeeds, starting from <paramref name="before"/>.</summary>
    public ContainerStatus StatusAfter(ContainerStatus before) => Action switch
    {
        ContainerAction.Create => Run ? ContainerStatus.Running : ContainerStatus.Created,
        ContainerAction.Start => ContainerStatus.Running,
        ContainerAction.Stop => ContainerStatus.Stopped,
        ContainerAction.Kill => Signal is null || Validation.Signals.Terminates(Signal) ? ContainerStatus.Stopped : before,
        ContainerAction.Delete => ContainerStatus.Deleted,
        _ => before,
    };

    /// <summary>The task state shown while this operation is in flight.</summary>
    public TaskState InFlightTaskState => Action switch
    {
        ContainerAction.Create => TaskState.ContainerCreating,
        ContainerAction.Start => TaskState.ContainerStarting,
        ContainerAction.Stop => TaskState.ContainerStopping,
        ContainerAction.Kill => TaskState.ContainerKilling,
        ContainerAction.Delete => TaskState.ContainerDeleting,
        _ => throw new InvalidOperationException($"{Action} is not a container operation"),
    };
}
