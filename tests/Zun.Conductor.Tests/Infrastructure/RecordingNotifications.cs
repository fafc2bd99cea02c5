using Zun.Conductor.Notifications;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>The conductor's notification publisher in tests: keeps what would go to the <c>zun</c> exchange, and can refuse.</summary>
public sealed class RecordingNotifications : INotificationPublisher
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly List<OsloNotification> _published = [];
    private readonly List<(Func<IReadOnlyList<OsloNotification>, bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private int _failuresLeft;
    private string? _failOnceEventType;

    public IReadOnlyList<OsloNotification> Published
    {
        get
        {
            lock (_published)
                return [.. _published];
        }
    }

    /// <summary>The next <paramref name="count"/> publishes fail, as when the broker closes the channel.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>The first publish of <paramref name="eventType"/> (e.g. <c>container.create.end</c>) fails.</summary>
    public void FailFirst(string eventType) => Volatile.Write(ref _failOnceEventType, eventType);

    private bool TakeFailure(string eventType)
    {
        var failing = Volatile.Read(ref _failOnceEventType);
        return failing == eventType && ReferenceEquals(Interlocked.CompareExchange(ref _failOnceEventType, null, failing), failing);
    }

    /// <summary>
    /// What was published once <paramref name="done"/> holds for it: notifications go out after the event they are made
    /// from, so a test that has heard the event waits for them.
    /// </summary>
    public async Task<IReadOnlyList<OsloNotification>> WaitUntil(Func<IReadOnlyList<OsloNotification>, bool> done)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_published)
        {
            if (done(_published))
                return [.. _published];
            _waiters.Add((done, signal));
        }

        await signal.Task.WaitAsync(WaitLimit, TestContext.Current.CancellationToken);
        return Published;
    }

    public Task Publish(OsloNotification notification, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0 || TakeFailure(notification.EventType))
            throw new IOException($"notification exchange unavailable ({notification.EventType} not published)");

        lock (_published)
        {
            _published.Add(notification);
            foreach (var waiter in _waiters.Where(w => w.Done(_published)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }
}
