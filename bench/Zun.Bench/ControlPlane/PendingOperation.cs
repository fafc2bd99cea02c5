using System.Diagnostics;

namespace Zun.Bench.ControlPlane;

/// <summary>One operation the load generator sent: when it was due, and when and how it ended.</summary>
internal sealed class PendingOperation(Guid operationId, long dueTimestamp)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid OperationId { get; } = operationId;

    /// <summary>When the schedule said to send it (open loop) or when it was sent (closed loop): latency counts from here.</summary>
    public long DueTimestamp { get; } = dueTimestamp;

    public long EndTimestamp { get; private set; }

    /// <summary>When the load generator heard <c>OperationDispatched</c> (0 when it was not listening for it).</summary>
    public long DispatchedTimestamp { get; private set; }

    /// <summary>Null while in flight; the terminal event's name afterwards.</summary>
    public string? Outcome { get; private set; }

    public bool Succeeded => Outcome == "OperationCompleted";

    public Task Ended => _ended.Task;

    public TimeSpan Latency => Stopwatch.GetElapsedTime(DueTimestamp, EndTimestamp);

    public void Dispatched(long timestamp)
    {
        if (DispatchedTimestamp == 0)
            DispatchedTimestamp = timestamp;
    }

    public void End(string outcome, long timestamp)
    {
        if (Outcome is not null)
            return;
        EndTimestamp = timestamp;
        Outcome = outcome;
        _ended.TrySetResult();
    }
}
