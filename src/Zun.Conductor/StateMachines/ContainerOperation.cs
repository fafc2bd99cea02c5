using Zun.Conductor.Commands;
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

    /// <summary>For update.</summary>
    public double? Cpu { get; set; }

    /// <summary>For update.</summary>
    public int? MemoryMb { get; set; }

    /// <summary>For rename.</summary>
    public string? Name { get; set; }

    /// <summary>For commit.</summary>
    public string? Repository { get; set; }

    /// <summary>For commit.</summary>
    public string? Tag { get; set; }

    /// <summary>For rebuild: the image to rebuild from, when it changes.</summary>
    public string? Image { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>The stop timeout the worker waits before SIGKILL, which the deadline must allow for.</summary>
    public int? StopTimeoutSeconds => Action is ContainerAction.Stop or ContainerAction.Restart or ContainerAction.Delete
        ? TimeoutSeconds ?? 10
        : null;

    /// <summary>Whether a worker carries the operation out; a rename only changes Zun's own record.</summary>
    public bool RunsOnHost => Command.RunsOnHost;

    /// <summary>The status the container has once this operation succeeds, starting from <paramref name="before"/>.</summary>
    public ContainerStatus StatusAfter(ContainerStatus before) => Command.StatusOnceDone(this, before);

    /// <summary>The status shown while this operation is in flight, when it differs from the current one.</summary>
    public ContainerStatus? InFlightStatus => Command.InFlightStatus;

    /// <summary>The task state shown while this operation is in flight.</summary>
    public TaskState InFlightTaskState => Command.InFlightTaskState;

    private IContainerCommandEntry Command => ContainerCommands.ForAction(Action);
}
