using System.Collections.Concurrent;
using Zun.Conductor.Notifications;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>The conductor's notification publisher in tests: keeps what would go to the <c>zun</c> exchange, and can refuse.</summary>
public sealed class RecordingNotifications : INotificationPublisher
{
    private readonly ConcurrentQueue<OsloNotification> _published = new();
    private int _failuresLeft;

    public IReadOnlyList<OsloNotification> Published => [.. _published];

    /// <summary>The next <paramref name="count"/> publishes fail, as when the broker closes the channel.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public Task Publish(OsloNotification notification, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            throw new IOException($"notification exchange unavailable ({notification.EventType} not published)");

        _published.Enqueue(notification);
        return Task.CompletedTask;
    }
}
