using Zun.Conductor.Validation;
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
    public bool RunsOnHost => Action != ContainerAction.Rename;

    /// <summary>The status the container has once this operation succeeds, starting from <paramref name="before"/>.</summary>
    public ContainerStatus StatusAfter(ContainerStatus before) => Action switch
    {
        ContainerAction.Create => Run ? ContainerStatus.Running : ContainerStatus.Created,
        ContainerAction.Start or ContainerAction.Restart or ContainerAction.Unpause => ContainerStatus.Running,
        ContainerAction.Stop => ContainerStatus.Stopped,
        ContainerAction.Kill => Signal is null || Signals.Terminates(Signal) ? ContainerStatus.Stopped : before,
        ContainerAction.Delete => ContainerStatus.Deleted,
        ContainerAction.Pause => ContainerStatus.Paused,
        ContainerAction.Rebuild => before == ContainerStatus.Running ? ContainerStatus.Running : ContainerStatus.Created,
        _ => before,
    };

    /// <summary>The status shown while this operation is in flight, when it differs from the current one.</summary>
    public ContainerStatus? InFlightStatus => Action switch
    {
        ContainerAction.Delete => ContainerStatus.Deleting,
        ContainerAction.Rebuild => ContainerStatus.Rebuilding,
        _ => null,
    };

    /// <summary>The task state shown while this operation is in flight.</summary>
    public TaskState InFlightTaskState => Action switch
    {
        ContainerAction.Create => TaskState.ContainerCreating,
        ContainerAction.Start => TaskState.ContainerStarting,
        ContainerAction.Stop => TaskState.ContainerStopping,
        ContainerAction.Kill => TaskState.ContainerKilling,
        ContainerAction.Delete => TaskState.ContainerDeleting,
        ContainerAction.Restart => TaskState.ContainerRebooting,
        ContainerAction.Pause => TaskState.ContainerPausing,
        ContainerAction.Unpause => TaskState.ContainerUnpausing,
        ContainerAction.Update => TaskState.ContainerUpdating,
        ContainerAction.Rename => TaskState.ContainerRenaming,
        ContainerAction.Commit => TaskState.ContainerCommitting,
        ContainerAction.Rebuild => TaskState.ContainerRebuilding,
        _ => throw new InvalidOperationException($"{Action} is not an operation on a container's state"),
    };
}
