using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Deadlines on the real broker, through the conductor's durable scheduler.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task An_operation_whose_worker_stopped_answering_times_out_and_the_container_becomes_Unknown()
    {
        await using var system = await ZunTestSystem.StartAsync(
            conductorSettings: new Dictionary<string, string?> { ["Zun:Conductor:DefaultOperationDeadlineSeconds"] = "2" },
            cancellationToken: TestContext.Current.CancellationToken);
        var containerId = await system.RunContainer();
        await system.StopWorkerAsync(TestContext.Current.CancellationToken);
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await system.Execute(pause, pause.OperationId, TimeSpan.FromSeconds(20));

        var timedOut = Assert.IsType<OperationTimedOut>(outcome);
        Assert.Contains(system.WorkerHost, timedOut.Reason, StringComparison.Ordinal);
        var response = await system.GetContainer(containerId);
        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal(ContainerStatus.Unknown, info!.Message.Status);
    }
}
