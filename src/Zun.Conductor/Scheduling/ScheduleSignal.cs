namespace Zun.Conductor.Scheduling;

/// <summary>
/// Wakes the dispatcher when this instance stores a schedule that is due before the dispatcher would wake anyway.
/// Deadlines lie minutes ahead and the dispatcher wakes at least every poll interval, so most schedules need no
/// wake-up; waking for each cost a claim (a write) and a look-up per dispatched operation.
/// </summary>
internal sealed class ScheduleSignal(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>When the waiting dispatcher wakes by itself (UTC ticks); the maximum while it is not waiting, so that
    /// whatever is stored during a round wakes it again at once.</summary>
    private long _wakesAt = long.MaxValue;

    public void Notify(DateTimeOffset dueAt)
    {
        if (dueAt.UtcTicks >= Interlocked.Read(ref _wakesAt))
            return;

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every schedule added since.
        }
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _wakesAt, (clock.GetUtcNow() + timeout).UtcTicks);
        try
        {
            return await _signal.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _wakesAt, long.MaxValue);
        }
    }

    public void Dispose() => _signal.Dispose();
}
