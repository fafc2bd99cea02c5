using Docker.DotNet.Models;
using Zun.Contracts.Hosts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>Containers labelled as Zun's that Zun has no record of are removed (OpenStack Zun leaves them running).</summary>
public sealed class OrphanTests
{
    [Fact]
    public async Task A_container_with_Zuns_labels_but_no_record_is_removed_at_the_next_inventory()
    {
        await using var system = await ZunTestSystem.StartAsync(
            conductorSettings: new Dictionary<string, string?> { ["Zun:Conductor:OrphanGraceSeconds"] = "0" },
            cancellationToken: TestContext.Current.CancellationToken);
        var known = await system.RunContainer();
        var orphanId = Guid.NewGuid();
        await system.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"zun-{orphanId:D}",
            Image = ZunTestSystem.BusyboxImage,
            Cmd = ["sleep", "300"],
            Labels = new Dictionary<string, string> { ["zun.container-id"] = orphanId.ToString("D"), ["zun.host"] = system.WorkerHost },
        });

        var worker = await system.Bus.GetSendEndpoint(new Uri($"exchange:zun-worker-{system.WorkerHost}"));
        await worker.Send(new ReportInventory { Host = system.WorkerHost, Reason = "test" });

        // Removal has no event of its own in Zun (there is no record to change): ask Docker, within a bound.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await system.InspectInDocker(orphanId) is not null)
            await Task.Delay(100, deadline.Token);
        Assert.True((await system.InspectInDocker(known))!.State!.Running);
    }
}
