using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

internal static class ContainerInfoMapping
{
    /// <summary>The container as queries show it; <paramref name="withOperations"/> false leaves its operation history out, as lists do.</summary>
    public static ContainerInfo ToContainerInfo(this TrackedContainer container, bool withOperations = true) => new()
    {
        ContainerId = container.CorrelationId,
        Name = container.Spec.Name,
        Image = container.Spec.Image,
        Command = container.Spec.Command,
        Status = container.Status,
        TaskState = container.TaskState,
        StatusReason = container.StatusReason,
        ExitCode = container.ExitCode,
        Host = container.Host,
        Cpu = container.Spec.Cpu,
        MemoryMb = container.Spec.MemoryMb,
        Labels = container.Spec.Labels,
        Entrypoint = container.Spec.Entrypoint,
        RestartPolicy = container.Spec.RestartPolicy,
        AutoRemove = container.Spec.AutoRemove,
        Ports = [.. container.Ports],
        Privileged = container.Spec.Privileged,
        Healthcheck = container.Spec.Healthcheck,
        AutoHeal = container.Spec.AutoHeal,
        Health = container.Health,
        Environment = container.Spec.Environment,
        Workdir = container.Spec.Workdir,
        Hostname = container.Spec.Hostname,
        Runtime = container.Spec.Runtime,
        ImagePullPolicy = container.Spec.ImagePullPolicy,
        Interactive = container.Spec.Interactive,
        Tty = container.Spec.Tty,
        ProjectId = container.ProjectId,
        UserId = container.UserId,
        CreatedAt = container.CreatedAt,
        UpdatedAt = container.UpdatedAt,
        RecentOperations = withOperations ? [.. container.RecentOperations, .. PendingOperations(container)] : [],
    };

    private static IEnumerable<OperationSummary> PendingOperations(TrackedContainer container)
    {
        var pending = container.ActiveOperation is null
            ? container.QueuedOperations
            : container.QueuedOperations.Prepend(container.ActiveOperation);

        return pending.Select(o => new OperationSummary
        {
            OperationId = o.OperationId,
            Action = o.Action,
            State = o.DispatchedAt is null ? OperationState.Accepted : OperationState.Dispatched,
            AcceptedAt = o.AcceptedAt,
        });
    }
}
