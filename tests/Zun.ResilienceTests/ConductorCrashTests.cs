using System.Diagnostics;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.ResilienceTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests;

/// <summary>kill -9 of the conductor process while dozens of creates are in flight, then a restart on the same store.</summary>
public sealed class ConductorCrashTests
{
    private const int Creates = 40;

    /// <summary>When the conductor is killed, chosen from the events the client has heard.</summary>
    private enum KillMoment
    {
        /// <summary>A quarter of the creates have completed; the rest are being carried out on the host.</summary>
        AfterAQuarterCompleted,

        /// <summary>The first creates have been accepted; the conductor is still taking in the burst.</summary>
        WhileAcceptingTheBurst,
    }

    [Fact]
    public Task A_conductor_killed_after_a_quarter_of_the_creates_completed_ends_each_create_once_after_its_restart() =>
        KillDuringCreates(KillMoment.AfterAQuarterCompleted);

    [Fact]
    public Task A_conductor_killed_while_accepting_a_burst_of_creates_ends_each_create_once_after_its_restart() =>
        KillDuringCreates(KillMoment.WhileAcceptingTheBurst);

    /// <summary>
    /// Kills the conductor at the moment given, starts it again on the same store, then checks that every create ended
    /// exactly once, that Docker holds one container per create and nothing else, and that the restarted conductor
    /// knows every container's status.
    /// </summary>
    private static async Task KillDuringCreates(KillMoment moment)
    {
        await using var zun = await ProcessZun.CreateAsync($"conductor-kill-{moment}");
        var conductor = await zun.StartConductorAsync();
        await zun.StartWorkerAsync();
        await using var docker = DockerEventRecorder.Start(zun.Docker, zun.WorkerHost);
        var findings = new Findings(zun, $"conductor kill -9 {moment}, {Creates} creates");

        var creates = Enumerable.Range(0, Creates).Select(_ => ProcessZun.NewCreate(["sleep", "300"])).ToList();
        var operations = creates.Select(c => c.OperationId).ToList();
        var containers = creates.Select(c => c.ContainerId).ToHashSet();
        var killWhen = moment == KillMoment.AfterAQuarterCompleted
            ? Outcomes.WhenCompleted(zun.Events, operations, Creates / 4, "completed creates")
            : Outcomes.WhenCount(
                [.. operations.Select(id => zun.Events.WaitFor<OperationAccepted>(a => a.OperationId == id, TimeSpan.FromSeconds(90)))],
                3, TimeSpan.FromSeconds(30), "accepted creates");

        var clock = Stopwatch.StartNew();
        await zun.PublishAll(creates);
        await killWhen;
        await conductor.KillAsync();
        findings.Measure($"killed at {clock.Elapsed.TotalSeconds:0.0} s with {Accepted(zun, operations)} creates accepted, "
            + $"{Dispatched(zun, operations)} dispatched, {Outcomes.Ended(zun.Events, operations)} ended");

        await zun.StartConductorAsync();
        findings.Measure($"restarted at {clock.Elapsed.TotalSeconds:0.0} s");
        var missing = await Outcomes.WaitForAll(zun.Events, operations, TimeSpan.FromSeconds(30));
        findings.Measure($"{Outcomes.Ended(zun.Events, operations)} of {Creates} creates ended by {clock.Elapsed.TotalSeconds:0.0} s");

        // 1. Every create ends, exactly once.
        foreach (var id in missing)
        {
            var create = creates.Single(c => c.OperationId == id);
            var info = await zun.Info(create.ContainerId);
            var record = info?.RecentOperations.FirstOrDefault(o => o.OperationId == id);
            var workerReported = zun.Events.All<ContainerActionCompleted>(c => c.OperationId == id).Count > 0;
            findings.Problem($"create {id} of container {create.ContainerId} never ended: OperationAccepted heard {Accepted(zun, [id]) == 1}, "
                + $"OperationDispatched heard {Dispatched(zun, [id]) == 1}, the worker's outcome heard {workerReported}; the conductor shows "
                + (info is null ? "no such container" : $"the container {info.Status}/{info.TaskState} and the create {record?.State.ToString() ?? "unrecorded"}")
                + $"; Docker has the container: {(await zun.StatusInDocker(create.ContainerId))?.ToString() ?? "no"}");
        }

        var duplicates = Outcomes.Duplicates(zun.Heard, operations);
        findings.Measure($"operations with more than one terminal event: {duplicates.Count}{Outcomes.Describe(duplicates)}");
        findings.Check(duplicates.Count == 0, () => $"{duplicates.Count} creates ended more than once:{Outcomes.Describe(duplicates)}");
        foreach (var id in operations.Except(missing))
        {
            findings.Check(
                Outcomes.TerminalOf(zun.Events, id) is OperationCompleted { Status: ContainerStatus.Running },
                () => $"create {id} ended {Outcomes.Describe(Outcomes.TerminalOf(zun.Events, id))}, not Completed Running");
        }

        // 2. Docker holds exactly one container per create, and nothing else; none was created twice.
        var inDocker = await zun.ContainersInDocker();
        var byId = inDocker.GroupBy(c => c.Labels.TryGetValue("zun.container-id", out var id) ? id : "(no label)").ToList();
        findings.Check(inDocker.Count == Creates, () => $"Docker holds {inDocker.Count} containers for the host, not {Creates}");
        foreach (var group in byId.Where(g => g.Count() > 1))
            findings.Problem($"Docker holds {group.Count()} containers labelled zun.container-id={group.Key}");
        foreach (var group in byId.Where(g => !Guid.TryParse(g.Key, out var id) || !containers.Contains(id)))
            findings.Problem($"orphan in Docker: zun.container-id={group.Key}");
        foreach (var container in inDocker.Where(c => c.State != "running"))
            findings.Problem($"Docker container {container.Names.FirstOrDefault()} is {container.State}, not running");
        foreach (var id in containers)
        {
            var createdEvents = docker.ActionsOf(id, "create").Count;
            findings.Check(createdEvents == 1, () => $"Docker reported {createdEvents} create events for container {id}");
        }

        // 3. The restarted conductor knows every container: Running, and a start is refused naming start and Running.
        foreach (var id in containers)
        {
            var info = await zun.Info(id);
            findings.Check(info?.Status == ContainerStatus.Running, () => $"the restarted conductor shows container {id} as {info?.Status.ToString() ?? "not found"}/{info?.TaskState}");
        }

        var starts = containers.Select(id => new StartContainer { OperationId = Guid.NewGuid(), ContainerId = id, ProjectId = "resilience" }).ToList();
        await zun.PublishAll(starts);
        var unanswered = await Outcomes.WaitForAll(zun.Events, starts.Select(s => s.OperationId), TimeSpan.FromSeconds(30));
        findings.Check(unanswered.Count == 0, () => $"{unanswered.Count} starts on Running containers got no terminal event");
        foreach (var start in starts.Where(s => !unanswered.Contains(s.OperationId)))
        {
            var outcome = Outcomes.TerminalOf(zun.Events, start.OperationId);
            findings.Check(
                outcome is OperationRejected r && r.Reason.Contains("start", StringComparison.Ordinal) && r.Reason.Contains("Running", StringComparison.Ordinal),
                () => $"start on running container {start.ContainerId}: {Outcomes.Describe(outcome)}, not a rejection naming start and Running");
        }

        findings.Measure($"whole scenario {clock.Elapsed.TotalSeconds:0.0} s");
        findings.AssertNoProblems();
    }

    private static int Accepted(ProcessZun zun, IReadOnlyCollection<Guid> operations) =>
        zun.Events.All<OperationAccepted>().Select(e => e.OperationId).Where(operations.Contains).Distinct().Count();

    private static int Dispatched(ProcessZun zun, IReadOnlyCollection<Guid> operations) =>
        zun.Events.All<OperationDispatched>().Select(e => e.OperationId).Where(operations.Contains).Distinct().Count();
}
