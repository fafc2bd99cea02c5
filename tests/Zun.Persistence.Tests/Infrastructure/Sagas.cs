using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Persistence.Tests.Infrastructure;

/// <summary>Saga instances as the conductor's machines leave them.</summary>
public static class Sagas
{
    public static TrackedContainer Container(
        string state = "Idle",
        ContainerStatus status = ContainerStatus.Running,
        string? host = "host-a",
        string? requestedHost = null,
        string? projectId = "project-1") => new()
    {
        CorrelationId = Guid.NewGuid(),
        CurrentState = state,
        Status = status,
        TaskState = state == "Busy" ? TaskState.ContainerStarting : null,
        Host = host,
        HostEndpoint = host is null ? null : $"zun-worker-{host}",
        RequestedHost = requestedHost,
        ProjectId = projectId,
        UserId = "user-1",
        Spec = new ContainerSpec
        {
            Image = "127.0.0.1:5000/busybox:latest",
            Command = ["sleep", "300"],
            Labels = new Dictionary<string, string> { ["com.example.team"] = "storage" },
            Environment = new Dictionary<string, string> { ["MODE"] = "test" },
            MemoryMb = 64,
        },
        CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        UpdatedAt = DateTimeOffset.UtcNow,
        ActiveOperation = new ContainerOperation { OperationId = Guid.NewGuid(), Action = ContainerAction.Create, Run = true, AcceptedAt = DateTimeOffset.UtcNow },
        RecentOperations = [new OperationSummary { OperationId = Guid.NewGuid(), Action = ContainerAction.Start, State = OperationState.Completed }],
    };

    /// <summary>An operation queued on a container: the change each concurrent writer makes in the tests.</summary>
    public static ContainerOperation QueuedStop() =>
        new() { OperationId = Guid.NewGuid(), Action = ContainerAction.Stop, TimeoutSeconds = 5, AcceptedAt = DateTimeOffset.UtcNow };
}
