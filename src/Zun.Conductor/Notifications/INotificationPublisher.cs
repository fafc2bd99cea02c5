namespace Zun.Conductor.Notifications;

/// <summary>Publishes OpenStack notifications to the notification exchange.</summary>
public interface INotificationPublisher
{
    Task Publish(OsloNotification notification, CancellationToken cancellationToken);
}
