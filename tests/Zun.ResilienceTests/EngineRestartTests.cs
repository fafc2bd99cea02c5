using System.Diagnostics;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.ResilienceTests.Infrastructure;
using Zun.Testing;

namespace Zun.ResilienceTests;

/// <summary>
/// The worker's Docker engine restarts (dockerd stopped as a service manager stops it, then started again) while
/// creates are in flight. The engine is one of the test's own, so the machine's engine, which others' tests use, is
/// never touched.
/// </summary>
public sealed class EngineRestartTests
{
    private const int Creates = 30;

    [Fact]
    public async Task Creates_in_flight_while_the_Docker_engine_restarts_all_complete_once_it_is_back()
    {
        var dockerd = ExtraDockerEngine.FindDockerd();
        Assert.SkipWhen(dockerd is null, "no dockerd binary on this machine (PATH, /usr/sbin, /usr/bin): the test restarts a Docker engine of its own");
        await using var zun = await ProcessZun.CreateAsync("engine-restart");
        await using var engine = await ExtraDockerEngine.StartAsync(dockerd!, zun.LogDirectory);
        await engine.PullAsync(ProcessZun.BusyboxImage);
        await zun.StartConductorAsync();
        await zun.StartWorkerAsync(new Dictionary<string, string> { ["Zun__Docker__Endpoint"] = engine.Endpoint });
        var findings = new Findings(zun, $"dockerd restarted during {Creates} creates");

        var creates = Enumerable.Range(0, Creates).Select(_ => ProcessZun.NewCreate()).ToList();
        var operations = creates.Select(c => c.OperationId).ToList();
        var restartWhen = Outcomes.WhenCompleted(zun.Events, operations, Creates / 6, "completed creates");
        var clock = Stopwatch.StartNew();
        await zun.PublishAll(creates);
        await restartWhen;

        var outage = Stopwatch.StartNew();
        var endedBefore = Outcomes.Ended(zun.Events, operations);
        await engine.StopAsync();
        var stoppedAfter = outage.Elapsed;
        await engine.StartAgainAsync();
        findings.Measure($"dockerd stopped at {clock.Elapsed.TotalSeconds - outage.Elapsed.TotalSeconds:0.0} s with {endedBefore} of {Creates} creates ended; "
            + $"it took {stoppedAfter.TotalSeconds:0.0} s to stop and answered again {outage.Elapsed.TotalSeconds:0.0} s after the stop began");

        var missing = await Outcomes.WaitForAll(zun.Events, operations, TimeSpan.FromSeconds(180));
        findings.Measure($"{Outcomes.Ended(zun.Events, operations)} of {Creates} creates ended by {clock.Elapsed.TotalSeconds:0.0} s");
        findings.Check(missing.Count == 0, () => $"{missing.Count} creates never ended: {string.Join(", ", missing)}");
        foreach (var id in operations.Except(missing))
        {
            var outcome = Outcomes.TerminalOf(zun.Events, id);
            findings.Check(outcome is OperationCompleted, () => $"create {id} ended {Outcomes.Describe(outcome)}, not Completed");
        }

        var saidDown = zun.Events.All<WorkerHeartbeat>(h => h.Host == zun.WorkerHost && h.EngineUnreachableSince is not null).Count;
        findings.Measure($"heartbeats that said the engine was unreachable: {saidDown}");
        findings.Check(saidDown > 0, () => "no heartbeat said the engine was unreachable while it was stopped");
        findings.AssertNoProblems();
    }
}
