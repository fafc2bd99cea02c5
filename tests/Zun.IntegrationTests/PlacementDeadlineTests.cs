using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>A create pinned to a host that does not exist ends, on the real broker: by its wait's deadline, or by a force delete.</summary>
public sealed class PlacementDeadlineTests(SharedZun zun)
{
    private const string MissingHost = "no-such-host";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_force_delete_of_a_create_waiting_for_a_host_that_does_not_exist_deletes_the_container_at_once()
    {
        var system = zun.System;
        var create = ZunTestSystem.NewCreate() with { Host = MissingHost };
        await system.Publish(create);
        await system.Events.WaitFor<OperationAccepted>(e => e.OperationId == create.OperationId, Bound);
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true, Stop = true };

        Assert.IsType<OperationCompleted>(await system.Execute(delete, delete.OperationId, Bound));

        var rejected = Assert.IsType<OperationRejected>(await system.Events.Outcome(create.OperationId, Bound));
        Assert.Contains("was deleted", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Deleted, (await system.Info(create.ContainerId)).Status);
    }

    [Fact]
    public async Task A_create_pinned_to_a_host_that_does_not_exist_times_out_naming_the_host()
    {
        await using var system = await ZunTestSystem.StartAsync(
            conductorSettings: new Dictionary<string, string?> { ["Zun:Conductor:PlacementDeadlineSeconds"] = "2" },
            cancellationToken: TestContext.Current.CancellationToken);
        var create = ZunTestSystem.NewCreate() with { Host = MissingHost };

        var timedOut = Assert.IsType<OperationTimedOut>(await system.Execute(create, create.OperationId, Bound));

        Assert.Contains($"waited 2 s for host {MissingHost}", timedOut.Reason, StringComparison.Ordinal);
        var info = await system.Info(create.ContainerId);
        Assert.Equal((ContainerStatus.Error, timedOut.Reason), (info.Status, info.StatusReason));
    }
}
