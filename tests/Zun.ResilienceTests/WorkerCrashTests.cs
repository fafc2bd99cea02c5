using System.Diagnostics;
using Zun.Contracts;
using Zun.ResilienceTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests;

/// <summary>kill -9 of a worker process while it carries out deletes, then a restart under the same host name.</summary>
public sealed class WorkerCrashTests
{
    private const int Containers = 16;

    [Fact]
    public async Task A_worker_killed_during_deletes_and_restarted_finishes_every_delete_and_leaves_nothing_in_Deleting()
    {
        await using var zun = await ProcessZun.CreateAsync("worker-kill-deletes");
        await zun.StartConductorAsync();
        var worker = await zun.StartWorkerAsync();
        var findings = new Findings(zun, $"worker kill -9 during {Containers} deletes (half force, half stop)");
        var ids = await zun.RunContainers(Containers, ProcessZun.StoppableCommand);

        var deletes = ids.Select((id, i) => new DeleteContainer
        {
            OperationId = Guid.NewGuid(),
            ContainerId = id,
            Force = i % 2 == 0,
            Stop = i % 2 == 1,
            ProjectId = "resilience",
        }).ToList();
        var operations = deletes.Select(d => d.OperationId).ToList();
        var killWhen = Outcomes.WhenCompleted(zun.Events, operations, Containers / 4, "completed deletes");

        var clock = Stopwatch.StartNew();
        await zun.PublishAll(deletes);
        await killWhen;
        await worker.KillAsync();
        var leftInDocker = (await zun.ContainersInDocker()).Count;
        findings.Measure($"worker killed at {clock.Elapsed.TotalSeconds:0.0} s with {Outcomes.Ended(zun.Events, operations)} deletes ended, {leftInDocker} containers still in Docker");

        await zun.StartWorkerAsync();
        findings.Measure($"worker restarted at {clock.Elapsed.TotalSeconds:0.0} s");
        var missing = await Outcomes.WaitForAll(zun.Events, operations, TimeSpan.FromSeconds(30));
        findings.Measure($"{Outcomes.Ended(zun.Events, operations)} of {Containers} deletes ended by {clock.Elapsed.TotalSeconds:0.0} s");

        foreach (var id in missing)
        {
            var delete = deletes.Single(d => d.OperationId == id);
            var info = await zun.Info(delete.ContainerId);
            findings.Problem($"delete {id} of container {delete.ContainerId} never ended; the conductor shows it "
                + (info is null ? "as not found" : $"{info.Status}/{info.TaskState}")
                + $"; Docker has it as {(await zun.StatusInDocker(delete.ContainerId))?.ToString() ?? "nothing"}");
        }

        var duplicates = Outcomes.Duplicates(zun.Heard, operations);
        findings.Measure($"operations with more than one terminal event: {duplicates.Count}{Outcomes.Describe(duplicates)}");
        findings.Check(duplicates.Count == 0, () => $"{duplicates.Count} deletes ended more than once:{Outcomes.Describe(duplicates)}");
        foreach (var id in operations.Except(missing))
        {
            findings.Check(
                Outcomes.TerminalOf(zun.Events, id) is OperationCompleted { Status: ContainerStatus.Deleted },
                () => $"delete {id} ended {Outcomes.Describe(Outcomes.TerminalOf(zun.Events, id))}, not Completed Deleted");
        }

        var inDocker = await zun.ContainersInDocker();
        findings.Check(inDocker.Count == 0, () => $"Docker still holds {inDocker.Count} of the host's containers: {string.Join(", ", inDocker.Select(c => $"{c.Names.FirstOrDefault()} {c.State}"))}");
        foreach (var id in ids)
        {
            var info = await zun.Info(id);
            findings.Check(info?.Status == ContainerStatus.Deleted, () => $"Zun shows container {id} as {info?.Status.ToString() ?? "not found"}/{info?.TaskState}, not Deleted");
        }

        findings.Measure($"whole scenario {clock.Elapsed.TotalSeconds:0.0} s after the containers ran");
        findings.AssertNoProblems();
    }
}
