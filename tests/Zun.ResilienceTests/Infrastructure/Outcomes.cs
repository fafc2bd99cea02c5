using System.Globalization;
using System.Text;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>Terminal events as the test client heard them: waiting for them, counting them per operation, describing them.</summary>
public static class Outcomes
{
    /// <summary>The operation a terminal event ends, or null for any other event.</summary>
    public static Guid? OperationOf(object message) => message switch
    {
        OperationCompleted c => c.OperationId,
        OperationFailed f => f.OperationId,
        OperationRejected r => r.OperationId,
        OperationTimedOut t => t.OperationId,
        _ => null,
    };

    /// <summary>When the conductor says a terminal event happened, or null for any other event.</summary>
    public static DateTimeOffset? TimestampOf(object message) => message switch
    {
        OperationCompleted c => c.Timestamp,
        OperationFailed f => f.Timestamp,
        OperationRejected r => r.Timestamp,
        OperationTimedOut t => t.Timestamp,
        _ => null,
    };

    /// <summary>Every terminal event heard for the operation, in the order heard.</summary>
    public static IReadOnlyList<object> TerminalsOf(EventLog log, Guid operationId) =>
        log.All<object>(e => OperationOf(e) == operationId);

    /// <summary>The first terminal event heard for the operation.</summary>
    public static object TerminalOf(EventLog log, Guid operationId) =>
        TerminalsOf(log, operationId) is [var first, ..] ? first : throw new InvalidOperationException($"no terminal event for operation {operationId}");

    /// <summary>How many of the operations have ended (one or more terminal events).</summary>
    public static int Ended(EventLog log, IEnumerable<Guid> operationIds) =>
        operationIds.Distinct().Count(id => TerminalsOf(log, id).Count > 0);

    /// <summary>Waits until every operation has a terminal event or the timeout passes; returns the operations that have none.</summary>
    public static async Task<IReadOnlyList<Guid>> WaitForAll(EventLog log, IEnumerable<Guid> operationIds, TimeSpan timeout)
    {
        var waits = operationIds.Distinct().Select(async id =>
        {
            try
            {
                await log.Outcome(id, timeout);
                return (Guid?)null;
            }
            catch (TimeoutException)
            {
                return id;
            }
        });
        return [.. (await Task.WhenAll(waits)).OfType<Guid>()];
    }

    /// <summary>Completes once <paramref name="count"/> of the operations have completed (their OperationCompleted heard).</summary>
    public static Task WhenCompleted(EventLog log, IEnumerable<Guid> operationIds, int count, string description)
    {
        var timeout = TimeSpan.FromSeconds(60);
        return WhenCount([.. operationIds.Select(id => log.WaitFor<OperationCompleted>(c => c.OperationId == id, timeout))], count, timeout, description);
    }

    /// <summary>Completes once <paramref name="count"/> of the tasks have completed successfully.</summary>
    public static async Task WhenCount(IReadOnlyCollection<Task> tasks, int count, TimeSpan timeout, string description)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = 0;
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully && Interlocked.Increment(ref done) == count)
                        reached.TrySetResult();
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            await reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"only {Volatile.Read(ref done)} of the {count} {description} needed within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// The operations that ended more than once, each with every terminal event heard for it. One message heard twice
    /// (the same message id: a delivery repeated, or an event produced again after a crash, which keeps its id) is one
    /// ending, as a subscriber that remembers message ids sees it; two message ids are two endings.
    /// </summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<Heard>> Duplicates(HeardLog heard, IEnumerable<Guid> operationIds)
    {
        var operations = operationIds.ToHashSet();
        return heard.All(h => OperationOf(h.Message) is { } id && operations.Contains(id))
            .GroupBy(h => OperationOf(h.Message)!.Value)
            .Where(g => g.Select(h => h.MessageId).Distinct().Count() > 1)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Heard>)[.. g]);
    }

    /// <summary>
    /// A readable account of operations that ended more than once: each terminal event with its message id (one id
    /// twice is one publish delivered twice; different ids are separate publishes) and the process that published it.
    /// </summary>
    public static string Describe(IReadOnlyDictionary<Guid, IReadOnlyList<Heard>> duplicates)
    {
        var text = new StringBuilder();
        foreach (var (id, terminals) in duplicates)
        {
            var publishes = terminals.Select(t => t.MessageId).Distinct().Count();
            text.Append(CultureInfo.InvariantCulture, $"\n    operation {id}: {terminals.Count} terminal events from {publishes} publishes: ");
            text.Append(string.Join("; ", terminals.Select(t => $"{Describe(t.Message)} (message {t.MessageId}, pid {t.ProcessId})")));
        }

        return text.ToString();
    }

    /// <summary>One terminal event in a line.</summary>
    public static string Describe(object terminal) => terminal switch
    {
        OperationCompleted c => $"Completed {c.Action} status {c.Status} at {c.Timestamp:HH:mm:ss.fff}",
        OperationFailed f => $"Failed {f.Action} '{f.Reason}' at {f.Timestamp:HH:mm:ss.fff}",
        OperationRejected r => $"Rejected {r.Action} '{r.Reason}' at {r.Timestamp:HH:mm:ss.fff}",
        OperationTimedOut t => $"TimedOut {t.Action} '{t.Reason}' at {t.Timestamp:HH:mm:ss.fff}",
        _ => terminal.GetType().Name,
    };
}
