using System.Diagnostics;
using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>A container created with auto_heal that vanishes from its host is rebuilt there, with the same id, by an operation of Zun's own.</summary>
public sealed class AutoHealTests(SharedZun zun, ITestOutputHelper output)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_running_container_removed_outside_Zun_is_rebuilt_and_runs_again_with_the_same_id()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"]) with { AutoHeal = true };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));
        var before = await System.InspectInDocker(create.ContainerId);
        var clock = Stopwatch.StartNew();

        await System.Docker.Containers.RemoveContainerAsync($"zun-{create.ContainerId:D}", new ContainerRemoveParameters { Force = true });

        var heal = await System.Events.WaitFor<OperationAccepted>(e => e.ContainerId == create.ContainerId && e.Action == ContainerAction.Rebuild, TimeSpan.FromSeconds(20));
        var healed = await System.Events.WaitFor<OperationCompleted>(e => e.OperationId == heal.OperationId, TimeSpan.FromSeconds(30));
        output.WriteLine($"docker rm -f -> healed and running in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(ContainerStatus.Running, healed.Status);
        var after = await System.InspectInDocker(create.ContainerId);
        Assert.True(after?.State?.Running == true, "the healed container runs in Docker");
        Assert.NotEqual(before!.ID, after!.ID);
        var info = await System.Info(create.ContainerId);
        Assert.Equal((ContainerStatus.Running, true), (info.Status, info.AutoHeal));
    }
}
