namespace Zun.Conductor.Notifications;

/// <summary>In use when notifications are switched off (<c>Zun:Notifications:Enabled=false</c>), and under test harnesses.</summary>
internal sealed class NullNotificationPublisher : INotificationPublisher
{
    public Task Publish(OsloNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
