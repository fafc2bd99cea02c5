using System.Diagnostics;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.ResilienceTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests;

/// <summary>A worker that is down when its operation's deadline passes, and comes back later.</summary>
public sealed class WorkerDownDeadlineTests
{
    private const int DeadlineSeconds = 3;

    [Fact]
    public async Task An_operation_on_a_dead_worker_times_out_and_the_restarted_worker_brings_the_status_back_to_Dockers()
    {
        await using var zun = await ProcessZun.CreateAsync(
            "worker-down-deadline",
            new Dictionary<string, string> { ["Zun__Conductor__DefaultOperationDeadlineSeconds"] = $"{DeadlineSeconds}" });
        await zun.StartConductorAsync();
        var worker = await zun.StartWorkerAsync();
        await using var docker = DockerEventRecorder.Start(zun.Docker, zun.WorkerHost);
        var findings = new Findings(zun, $"worker down past a {DeadlineSeconds} s deadline, then back");
        var containerId = (await zun.RunContainers(1))[0];

        await worker.KillAsync();
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, ProjectId = "resilience" };
        var clock = Stopwatch.StartNew();
        await zun.Publish(pause);
        var outcome = await zun.Events.Outcome(pause.OperationId, TimeSpan.FromSeconds(DeadlineSeconds + 20));
        findings.Measure($"pause ended {Outcomes.Describe(outcome)} after {clock.Elapsed.TotalSeconds:0.0} s");
        findings.Check(
            outcome is OperationTimedOut t && t.Reason.Contains(zun.WorkerHost, StringComparison.Ordinal),
            () => $"the pause on a dead worker ended {Outcomes.Describe(outcome)}, not TimedOut naming host {zun.WorkerHost}");
        var whileDown = await zun.Info(containerId);
        findings.Check(whileDown?.Status == ContainerStatus.Unknown, () => $"after the time-out Zun shows {whileDown?.Status}, not Unknown");

        clock.Restart();
        await zun.StartWorkerAsync();
        try
        {
            // The inventory the worker publishes when it starts (and the one the time-out asked for) disagrees with
            // Unknown; the conductor turns that into an observation, which it publishes as a status change.
            var reconciled = await zun.Events.WaitFor<ContainerStatusChanged>(
                c => c.ContainerId == containerId && c.PreviousStatus == ContainerStatus.Unknown && c.OperationId is null,
                TimeSpan.FromSeconds(30));
            findings.Measure($"status {reconciled.PreviousStatus} -> {reconciled.Status} {clock.Elapsed.TotalSeconds:0.0} s after the worker restarted");
        }
        catch (TimeoutException e)
        {
            findings.Problem($"no observation moved the container out of Unknown within 30 s of the worker's restart: {e.Message}");
        }

        // The timed-out pause is still in the worker's queue; wait for the worker's report on it (if any comes) so that
        // Docker no longer changes, then Zun must come to agree with Docker.
        try
        {
            var report = await zun.Events.WaitFor<object>(
                e => e is ContainerActionCompleted c && c.OperationId == pause.OperationId || e is ContainerActionFailed f && f.OperationId == pause.OperationId,
                TimeSpan.FromSeconds(20));
            findings.Measure($"the restarted worker carried out the timed-out pause after all and reported {report.GetType().Name}");
        }
        catch (TimeoutException)
        {
            findings.Measure("the restarted worker reported nothing on the timed-out pause within 20 s");
        }

        var (info, inDocker) = await zun.UntilZunAgreesWithDocker(containerId, TimeSpan.FromSeconds(20));
        var inZun = info?.Status;
        findings.Measure($"Zun {inZun}, Docker {inDocker} {clock.Elapsed.TotalSeconds:0.0} s after the worker restarted; "
            + $"Docker's events for the container: {string.Join(", ", docker.ActionsOf(containerId))}");
        findings.Check(inZun == inDocker && inZun != ContainerStatus.Unknown, () => $"Zun shows {inZun} while Docker has {inDocker}, 20 s after the worker restarted");
        findings.AssertNoProblems();
    }
}
