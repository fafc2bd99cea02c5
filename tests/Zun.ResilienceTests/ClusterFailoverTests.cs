using System.Diagnostics;
using Zun.Client;
using Zun.Contracts;
using Zun.ResilienceTests.Infrastructure;
using Zun.Testing;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests;

/// <summary>
/// Zun on a three-node RabbitMQ cluster (deploy/local/rabbitmq-cluster.sh), every process and client given all three
/// nodes: the node leading the conductor's quorum queue is stopped while creates and deletes are in flight.
/// </summary>
public sealed class ClusterFailoverTests
{
    private const int Operations = 30;
    private const string ConductorQueue = "zun-conductor";

    /// <summary>One command every this often, so that operations are in flight before, during and after the stop.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<string, string> NullRuntime = new() { ["Zun__Worker__Runtime"] = "Null" };

    [Fact]
    public async Task Stopping_the_leader_of_the_conductors_queue_during_30_creates_and_30_deletes_loses_duplicates_and_strands_nothing()
    {
        using var cluster = await RabbitMqCluster.UpAsync();
        try
        {
            await StopTheLeaderDuringCreatesAndDeletes(cluster);
        }
        finally
        {
            try
            {
                await cluster.StartStoppedNodesAsync();
            }
            finally
            {
                await RabbitMqCluster.DownAsync();
            }
        }
    }

    private static async Task StopTheLeaderDuringCreatesAndDeletes(RabbitMqCluster cluster)
    {
        await using var zun = await ProcessZun.CreateAsync("cluster-leader-stop", workerSettings: NullRuntime, cluster: cluster);
        var conductor = await zun.StartConductorAsync();
        var worker = await zun.StartWorkerAsync();
        await using var client = await ZunClient.ConnectAsync(new ZunClientOptions
        {
            Url = zun.RabbitUrl,
            Hosts = [.. RabbitMqCluster.Settings.Values],
            ProjectId = "resilience",
            UserId = "resilience-test",
        });
        var findings = new Findings(zun, $"cluster: the leader of {ConductorQueue} stopped during {Operations} creates and {Operations} deletes (Null runtime)");

        var doomed = await zun.RunContainers(Operations);
        var replicas = await cluster.Management.QuorumReplicasAsync(zun.VirtualHost, ConductorQueue)
            ?? throw new InvalidOperationException($"{ConductorQueue} is not a quorum queue of {zun.VirtualHost}");
        var leader = RabbitMqCluster.NodeNumber(replicas.Leader);
        findings.Measure($"{ConductorQueue} led by {replicas.Leader}, replicas on {string.Join(", ", replicas.Members)}; "
            + $"connections per node: {await ConnectionsPerNode(cluster, zun)}; queues: {string.Join(", ", await cluster.Management.DescribeQueuesAsync(zun.VirtualHost))}");

        var creates = Enumerable.Range(0, Operations).Select(_ => ProcessZun.NewCreate()).ToList();
        var deletes = doomed.Select(id => new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = id, Force = true, ProjectId = "resilience" }).ToList();
        var commands = creates.Zip(deletes, (create, delete) => new object[] { create, delete }).SelectMany(pair => pair).ToList();
        var operations = creates.Select(c => c.OperationId).Concat(deletes.Select(d => d.OperationId)).ToList();
        var stopWhen = Outcomes.WhenCount(
            [.. operations.Select(id => zun.Events.Outcome(id, TimeSpan.FromSeconds(120)))], operations.Count / 4, TimeSpan.FromSeconds(60), "ended operations");

        var clock = Stopwatch.StartNew();
        var publishing = PublishPaced(zun, commands);
        await stopWhen;
        var stopped = DateTimeOffset.UtcNow;
        var endedBefore = Outcomes.Ended(zun.Events, operations);
        await cluster.StopNodeAsync(leader);
        var gone = DateTimeOffset.UtcNow;
        findings.Measure($"stopped {replicas.Leader} at {clock.Elapsed.TotalSeconds:0.0} s with {endedBefore} of {operations.Count} operations ended; "
            + $"its Erlang VM exited {(gone - stopped).TotalSeconds:0.00} s after SIGTERM");

        try
        {
            await CheckAfterTheStop();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // A query or a wait that throws must not hide what was measured and found before it.
            findings.Problem($"the scenario could not finish: {e.GetType().Name}: {e.Message}");
        }

        // The node comes back and takes its replica up again.
        clock.Restart();
        await cluster.StartNodeAsync(leader);
        var rejoined = await UntilOnline(cluster, zun, RabbitMqCluster.NodeCount, TimeSpan.FromSeconds(60));
        findings.Measure($"{replicas.Leader} restarted in {clock.Elapsed.TotalSeconds:0.0} s; {ConductorQueue} has {rejoined} replicas online");
        findings.Check(rejoined == RabbitMqCluster.NodeCount, () => $"{ConductorQueue} has {rejoined} replicas online after the restart, not {RabbitMqCluster.NodeCount}");

        findings.AssertNoProblems();

        async Task CheckAfterTheStop()
        {
            var republished = await publishing;
            var missing = await Outcomes.WaitForAll(zun.Events, operations, TimeSpan.FromSeconds(120));
            findings.Measure($"every command published by {clock.Elapsed.TotalSeconds:0.0} s ({republished} publishes sent again after no confirmation); "
                + $"{Outcomes.Ended(zun.Events, operations)} of {operations.Count} operations ended");

            var endings = zun.Heard.All(h => Outcomes.OperationOf(h.Message) is { } id && operations.Contains(id));
            findings.Measure($"stall as the test client heard it, from SIGTERM: {Stall.Measure(endings.Select(h => h.HeardAt), stopped)}");
            findings.Measure($"stall as the test client heard it, from the node's exit: {Stall.Measure(endings.Select(h => h.HeardAt), gone)}");
            findings.Measure($"stall by the conductor's own timestamps, from SIGTERM: {Stall.Measure(endings.Select(h => Outcomes.TimestampOf(h.Message)!.Value), stopped)}");
            var after = await cluster.Management.QuorumReplicasAsync(zun.VirtualHost, ConductorQueue);
            findings.Measure($"{ConductorQueue} now led by {after?.Leader}, online {string.Join(", ", after?.Online ?? [])}; "
                + $"connections per node: {await ConnectionsPerNode(cluster, zun)}");

            // 0 lost: every operation ended, the way it should.
            foreach (var id in missing)
                findings.Problem($"operation {id} never ended; {await Describe(zun, commands, id)}");
            foreach (var create in creates.Where(c => !missing.Contains(c.OperationId)))
            {
                var outcome = Outcomes.TerminalOf(zun.Events, create.OperationId);
                findings.Check(outcome is OperationCompleted { Status: ContainerStatus.Running }, () => $"create {create.OperationId} ended {Outcomes.Describe(outcome)}, not Completed Running");
            }

            foreach (var delete in deletes.Where(d => !missing.Contains(d.OperationId)))
            {
                var outcome = Outcomes.TerminalOf(zun.Events, delete.OperationId);
                findings.Check(outcome is OperationCompleted { Status: ContainerStatus.Deleted }, () => $"delete {delete.OperationId} ended {Outcomes.Describe(outcome)}, not Completed Deleted");
            }

            // 0 duplicated: one ending per operation.
            var duplicates = Outcomes.Duplicates(zun.Heard, operations);
            findings.Measure($"operations with more than one terminal event: {duplicates.Count}{Outcomes.Describe(duplicates)}");
            findings.Check(duplicates.Count == 0, () => $"{duplicates.Count} operations ended more than once:{Outcomes.Describe(duplicates)}");

            // 0 stuck: the conductor holds every container in the status its operation left it in, with nothing in flight.
            foreach (var (id, expected) in creates.Select(c => (c.ContainerId, ContainerStatus.Running)).Concat(doomed.Select(id => (id, ContainerStatus.Deleted))))
            {
                var info = await zun.Info(id);
                findings.Check(
                    info is not null && info.Status == expected && info.TaskState is null,
                    () => $"the conductor shows container {id} as {info?.Status.ToString() ?? "not found"}/{info?.TaskState}, not {expected} with no task");
            }

            // Without a restart: the same processes, and the client connected before the stop, carry on.
            findings.Check(!conductor.HasExited && !worker.HasExited, () => $"conductor exited: {conductor.HasExited}, worker exited: {worker.HasExited}");
            var further = await client.ExecuteAsync(ProcessZun.NewCreate(), new WaitOptions { Timeout = TimeSpan.FromSeconds(60) });
            findings.Check(further is { Succeeded: true, Status: ContainerStatus.Running }, () => $"a further create through Zun.Client ended {further.State} {further.Status} '{further.Reason}'");
            var cli = await RunCli(zun, "run", "--wait", "--quiet", "--project", "resilience", ProcessZun.BusyboxImage, "sleep", "300");
            findings.Check(cli.ExitCode == 0, () => $"a create through the CLI while {replicas.Leader} is down exited {cli.ExitCode}: {cli.Output}{cli.Errors}");
            findings.Measure($"after the stop: a create through the Zun.Client connected throughout ended {further.State}, one through a new CLI process exited {cli.ExitCode}");
        }
    }

    /// <summary>Publishes the commands one at a time, <see cref="Pace"/> apart; returns how many publishes were sent again.</summary>
    private static async Task<int> PublishPaced(ProcessZun zun, IReadOnlyList<object> commands)
    {
        var republished = 0;
        foreach (var command in commands)
        {
            republished += await PublishUntilConfirmed(zun, command);
            await Task.Delay(Pace);
        }

        return republished;
    }

    /// <summary>
    /// A client's half of at-least-once delivery: a publish the broker did not confirm (its node went away) is sent
    /// again with the same operation id, which the conductor applies once. Returns how many times it was sent again.
    /// </summary>
    private static async Task<int> PublishUntilConfirmed(ProcessZun zun, object command)
    {
        var giveUp = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await zun.Bus.Publish(command, command.GetType(), timeout.Token);
                return attempt;
            }
            catch (Exception) when (giveUp.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<string> ConnectionsPerNode(RabbitMqCluster cluster, ProcessZun zun)
    {
        var nodes = await cluster.Management.ConnectionNodesAsync(zun.VirtualHost);
        return string.Join(", ", nodes.GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
    }

    /// <summary>Polls until the conductor's queue has the replicas online (the management API announces nothing); returns how many are.</summary>
    private static async Task<int> UntilOnline(RabbitMqCluster cluster, ProcessZun zun, int replicas, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var online = (await cluster.Management.QuorumReplicasAsync(zun.VirtualHost, ConductorQueue))?.Online.Count ?? 0;
            if (online >= replicas || clock.Elapsed > timeout)
                return online;
            await Task.Delay(500);
        }
    }

    private static async Task<string> Describe(ProcessZun zun, IReadOnlyList<object> commands, Guid operationId)
    {
        var command = commands.Single(c => c is CreateContainer create ? create.OperationId == operationId : ((DeleteContainer)c).OperationId == operationId);
        var containerId = command is CreateContainer c ? c.ContainerId : ((DeleteContainer)command).ContainerId;
        var info = await zun.Info(containerId);
        var record = info?.RecentOperations.FirstOrDefault(o => o.OperationId == operationId);
        return $"{command.GetType().Name} of container {containerId}: accepted heard {zun.Events.All<OperationAccepted>(a => a.OperationId == operationId).Count > 0}, "
            + $"the conductor shows " + (info is null ? "no such container" : $"{info.Status}/{info.TaskState} and the operation {record?.State.ToString() ?? "unrecorded"}");
    }

    /// <summary>Runs the CLI as an operator would, with the broker settings in its environment.</summary>
    private static async Task<ProgramRun> RunCli(ProcessZun zun, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { BuiltProcesses.CliDll } };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in zun.BrokerSettings)
            start.Environment[key] = value;

        return await ProgramRun.RunAsync(start, TimeSpan.FromSeconds(120));
    }
}
