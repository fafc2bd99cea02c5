using System.Diagnostics;
using Zun.Contracts;
using Zun.ResilienceTests.Infrastructure;
using Zun.Testing;
using static Zun.Contracts.ContainerAction;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests;

/// <summary>
/// Many commands for the same containers at once, duplicates included, through two conductor processes on one SQLite
/// store and one virtual host (competing for the same queues), and through one.
/// </summary>
public sealed class ConcurrentCommandTests
{
    private const int Containers = 20;

    /// <summary>Docker's start, die, pause and unpause events: the ones each of the operations used here causes exactly one of.</summary>
    private static readonly string[] StateEvents = ["start", "die", "pause", "unpause"];

    [Fact]
    public Task Two_conductors_on_one_store_apply_concurrent_commands_for_the_same_containers_without_losing_an_update() =>
        RunCommands(conductorCount: 2);

    /// <summary>Failed on every run (2-11 of 133 commands decided out of order) before the conductor's delivery order gate.</summary>
    [Fact]
    public Task One_conductor_decides_on_the_commands_for_a_container_in_the_order_they_were_published() =>
        RunCommands(conductorCount: 1);

    /// <summary>
    /// Runs each container through stop, start, kill, start, pause, unpause (and more), every command published right after
    /// the one before. With several conductors publish order is not kept (each takes commands from the shared queue), but
    /// every operation must end exactly once, nothing may be lost, and Docker must see the operations in the order they
    /// were accepted. With one conductor the order must also be the order of publication, so no command is rejected.
    /// </summary>
    private static async Task RunCommands(int conductorCount)
    {
        await using var zun = await ProcessZun.CreateAsync(conductorCount == 1 ? "one-conductor" : "two-conductors");
        var conductors = new List<ZunProcess>();
        for (var i = 0; i < conductorCount; i++)
            conductors.Add(await zun.StartConductorAsync());
        await zun.StartWorkerAsync();
        await using var docker = DockerEventRecorder.Start(zun.Docker, zun.WorkerHost);
        var findings = new Findings(zun, $"{conductorCount} conductor(s), {Containers} containers, concurrent and duplicated commands");
        var clock = Stopwatch.StartNew();

        // Every create twice: the copies race to insert the same container (from two processes, when there are two).
        var creates = Enumerable.Range(0, Containers).Select(_ => ProcessZun.NewCreate(ProcessZun.StoppableCommand)).ToList();
        foreach (var create in creates)
        {
            await zun.Publish(create);
            await zun.Publish(create);
        }

        // Then every container's commands back to back, each publish confirmed before the next, so that consecutive commands
        // for one container are in flight together; every third command twice at once, and each container's first command
        // again at the end.
        var planned = creates.SelectMany((c, i) => Plan(c.ContainerId, i)).ToList();
        await Outcomes.WaitForAll(zun.Events, creates.Select(c => c.OperationId), TimeSpan.FromSeconds(60));
        findings.Measure($"{Outcomes.Ended(zun.Events, creates.Select(c => c.OperationId))} of {Containers} creates ended at {clock.Elapsed.TotalSeconds:0.0} s");
        for (var i = 0; i < planned.Count; i++)
        {
            await zun.PublishCommand(planned[i].Message);
            if (i % 3 == 0)
                await zun.PublishCommand(planned[i].Message);
        }

        foreach (var first in planned.GroupBy(p => p.ContainerId).Select(g => g.First()))
            await zun.PublishCommand(first.Message);

        var operations = creates.Select(c => new Planned(c.ContainerId, c.OperationId, Create, c)).Concat(planned).ToList();
        var missing = await Outcomes.WaitForAll(zun.Events, operations.Select(o => o.OperationId), TimeSpan.FromSeconds(90));
        findings.Measure($"{operations.Count - missing.Count} of {operations.Count} operations ended at {clock.Elapsed.TotalSeconds:0.0} s");

        // 1. Every operation (duplicates included) ends exactly once, and none fails: each is valid when it runs.
        foreach (var id in missing)
        {
            var operation = operations.Single(o => o.OperationId == id);
            var info = await zun.Info(operation.ContainerId);
            findings.Problem($"{operation.Action} {id} on container {operation.ContainerId} never ended; the conductor shows "
                + (info is null ? "no such container" : $"{info.Status}/{info.TaskState}, operations {string.Join(", ", info.RecentOperations.Select(o => $"{o.Action}:{o.State}"))}"));
        }

        var duplicates = Outcomes.Duplicates(zun.Heard, operations.Select(o => o.OperationId));
        findings.Measure($"operations with more than one terminal event: {duplicates.Count}{Outcomes.Describe(duplicates)}");
        findings.Check(duplicates.Count == 0, () => $"{duplicates.Count} operations ended more than once:{Outcomes.Describe(duplicates)}");
        var terminals = operations.Where(o => !missing.Contains(o.OperationId)).ToDictionary(o => o.OperationId, o => Outcomes.TerminalOf(zun.Events, o.OperationId));
        foreach (var (id, terminal) in terminals.Where(t => t.Value is OperationFailed or OperationTimedOut))
            findings.Problem($"operation {id} ended {Outcomes.Describe(terminal)}");

        // 2. The order of decisions: every command is valid in publish order, so a rejection means a command was decided on
        //    before one published ahead of it. One conductor must keep publish order; several cannot.
        var rejected = terminals.Values.OfType<OperationRejected>().ToList();
        var inversions = DecidedOutOfPublishOrder(zun, planned, terminals);
        findings.Measure($"{rejected.Count} of {planned.Count} commands rejected; {inversions.Count} decided before a command for the same "
            + $"container published ahead of them, e.g. {string.Join("; ", inversions.Take(3))}; rejections e.g. {string.Join("; ", rejected.Take(3).Select(r => r.Reason))}");
        if (conductorCount == 1)
        {
            findings.Check(inversions.Count == 0, () => $"{inversions.Count} commands decided out of publish order:\n    {string.Join("\n    ", inversions)}");
            findings.Check(rejected.Count == 0, () => $"{rejected.Count} valid commands rejected:\n    {string.Join("\n    ", rejected.Select(r => $"{r.Action} {r.OperationId}: {r.Reason}"))}");
        }

        // 3. Every conductor took part.
        var byProcess = zun.Heard.All(h => h.Message is OperationAccepted).GroupBy(h => h.ProcessId).ToDictionary(g => g.Key ?? 0, g => g.Count());
        findings.Measure($"operations accepted per conductor process: {string.Join(", ", byProcess.Select(p => $"pid {p.Key}: {p.Value}"))}");
        foreach (var conductor in conductors)
            findings.Check(byProcess.ContainsKey(conductor.Id), () => $"{conductor.Name} (pid {conductor.Id}) accepted no operation");

        // 4. Per container: Docker saw the operations in the order they were accepted, the saga recorded every
        //    operation, and Zun's final status is Docker's and the last successful operation's.
        var accepted = zun.Events.All<OperationAccepted>()
            .GroupBy(a => a.OperationId).Select(g => g.First())
            .Where(a => terminals.TryGetValue(a.OperationId, out var t) && t is OperationCompleted)
            .ToLookup(a => a.ContainerId ?? Guid.Empty);
        var expectedEvents = creates.ToDictionary(
            c => c.ContainerId,
            c => accepted[c.ContainerId].OrderBy(a => a.Timestamp).Select(a => DockerEventOf(a.Action)).ToList());
        await docker.WaitUntil(
            _ => expectedEvents.All(e => docker.ActionsOf(e.Key, StateEvents).Count >= e.Value.Count), TimeSpan.FromSeconds(15));

        foreach (var create in creates)
        {
            var containerId = create.ContainerId;
            var inOrder = accepted[containerId].OrderBy(a => a.Timestamp).ToList();
            var seenByDocker = docker.ActionsOf(containerId, StateEvents);
            findings.Check(
                seenByDocker.SequenceEqual(expectedEvents[containerId]),
                () => $"container {containerId}: accepted {string.Join(" ", inOrder.Select(a => a.Action))} expects Docker events "
                    + $"{string.Join(" ", expectedEvents[containerId])}, Docker saw {string.Join(" ", seenByDocker)}");

            var completedInOrder = inOrder.Select(a => (OperationCompleted)terminals[a.OperationId]).ToList();
            findings.Check(
                completedInOrder.Select(c => c.Timestamp).SequenceEqual(completedInOrder.Select(c => c.Timestamp).Order()),
                () => $"container {containerId}: operations completed out of their acceptance order: "
                    + string.Join(" ", completedInOrder.Select(c => $"{c.Action}@{c.Timestamp:HH:mm:ss.fff}")));

            var mine = operations.Where(o => o.ContainerId == containerId && terminals.ContainsKey(o.OperationId)).Select(o => o.OperationId).Distinct().ToList();
            var (info, inDocker) = await zun.UntilZunAgreesWithDocker(containerId, TimeSpan.FromSeconds(10));
            var recorded = info?.RecentOperations.GroupBy(o => o.OperationId).ToDictionary(g => g.Key, g => g.ToList()) ?? [];
            foreach (var id in mine)
            {
                var expected = terminals[id] switch
                {
                    OperationCompleted => OperationState.Completed,
                    OperationFailed => OperationState.Failed,
                    OperationTimedOut => OperationState.TimedOut,
                    _ => OperationState.Rejected,
                };
                findings.Check(
                    recorded.TryGetValue(id, out var summaries) && summaries is [{ State: var state }] && state == expected,
                    () => $"container {containerId}: the stored record has operation {id} as "
                        + (recorded.TryGetValue(id, out var s) ? string.Join(", ", s.Select(x => x.State)) : "missing") + $", the client heard {expected}");
            }

            var lastSuccessful = completedInOrder.LastOrDefault()?.Status;
            findings.Check(
                info?.Status == inDocker && inDocker == lastSuccessful,
                () => $"container {containerId}: Zun shows {info?.Status}, Docker has {inDocker}, the last successful operation "
                    + $"({completedInOrder.LastOrDefault()?.Action}) left {lastSuccessful}");
        }

        findings.Measure($"whole scenario {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var conductor in conductors)
            findings.Check(!conductor.HasExited, () => $"{conductor.Name} exited during the test");
        findings.AssertNoProblems();
    }

    /// <summary>
    /// The commands the conductors decided on (accepted or rejected, by the conductors' clock) before a command for the same
    /// container that was published ahead of them, described.
    /// </summary>
    private static List<string> DecidedOutOfPublishOrder(ProcessZun zun, List<Planned> planned, Dictionary<Guid, object> terminals)
    {
        var acceptedAt = zun.Events.All<OperationAccepted>().GroupBy(a => a.OperationId).ToDictionary(g => g.Key, g => g.First().Timestamp);
        DateTimeOffset? DecidedAt(Planned p) =>
            terminals.TryGetValue(p.OperationId, out var t) && t is OperationRejected r ? r.Timestamp
            : acceptedAt.TryGetValue(p.OperationId, out var at) ? at
            : null;

        var found = new List<string>();
        foreach (var commands in planned.GroupBy(p => p.ContainerId))
        {
            var inPublishOrder = commands.Select((p, index) => (Command: p, Index: index + 1, At: DecidedAt(p))).Where(x => x.At is not null).ToList();
            foreach (var later in inPublishOrder)
            {
                var overtaken = inPublishOrder.Where(earlier => earlier.Index < later.Index && earlier.At > later.At).ToList();
                if (overtaken.Count > 0)
                {
                    found.Add($"container {commands.Key}: {later.Command.Action} (published {later.Index}.) decided at {later.At:HH:mm:ss.ffffff}, before "
                        + string.Join(", ", overtaken.Select(e => $"{e.Command.Action} (published {e.Index}.) at {e.At:HH:mm:ss.ffffff}"))
                        + (terminals[later.Command.OperationId] is OperationRejected ? $": {later.Command.Action} rejected" : ""));
                }
            }
        }

        return found;
    }

    /// <summary>Each container's commands: every status change the state table allows from Running, and back.</summary>
    private static IEnumerable<Planned> Plan(Guid containerId, int index)
    {
        ContainerAction[] actions = [Stop, Start, Kill, Start, Pause, Unpause, .. (index % 3) switch { 1 => [Stop], 2 => [Pause], _ => Array.Empty<ContainerAction>() }];
        foreach (var action in actions)
        {
            var id = Guid.NewGuid();
            object message = action switch
            {
                Stop => new StopContainer { OperationId = id, ContainerId = containerId, ProjectId = "resilience" },
                Start => new StartContainer { OperationId = id, ContainerId = containerId, ProjectId = "resilience" },
                Kill => new KillContainer { OperationId = id, ContainerId = containerId, ProjectId = "resilience" },
                Pause => new PauseContainer { OperationId = id, ContainerId = containerId, ProjectId = "resilience" },
                Unpause => new UnpauseContainer { OperationId = id, ContainerId = containerId, ProjectId = "resilience" },
                _ => throw new ArgumentOutOfRangeException(nameof(index)),
            };
            yield return new Planned(containerId, id, action, message);
        }
    }

    /// <summary>The one start, die, pause or unpause event Docker reports for a successful operation.</summary>
    private static string DockerEventOf(ContainerAction action) => action switch
    {
        Create or Start => "start",
        Stop or Kill => "die",
        Pause => "pause",
        Unpause => "unpause",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private sealed record Planned(Guid ContainerId, Guid OperationId, ContainerAction Action, object Message);
}
