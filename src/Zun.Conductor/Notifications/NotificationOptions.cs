using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Notifications;

/// <summary><c>Zun:Notifications</c>: OpenStack (oslo.messaging) notifications for listeners that do not use MassTransit.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Zun:Notifications";

    public bool Enabled { get; set; } = true;

    /// <summary>The topic exchange, like oslo.messaging's <c>control_exchange</c>.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.:-]+$")]
    public string Exchange { get; set; } = "zun";

    /// <summary>
    /// Declare the exchange durable. oslo.messaging declares it durable only when <c>amqp_durable_queues</c>
    /// is set, and RabbitMQ refuses a second declaration that differs: match the listeners' setting.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>Notification topics; each notification goes to <c>&lt;topic&gt;.info</c> or <c>&lt;topic&gt;.error</c>.</summary>
    public string[] Topics { get; set; } = ["notifications"];

    /// <summary>Host part of <c>publisher_id</c> (<c>zun.conductor.&lt;host&gt;</c>); the machine name by default.</summary>
    public string Host { get; set; } = Environment.MachineName;
}
