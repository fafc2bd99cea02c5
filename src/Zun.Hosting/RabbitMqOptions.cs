using System.ComponentModel.DataAnnotations;

namespace Zun.Hosting;

/// <summary>Where the message broker is: <c>Zun:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "Zun:RabbitMq";

    /// <summary>AMQP URL with credentials and virtual host, e.g. <c>amqp://guest:guest@localhost:5672/</c>.</summary>
    [Required]
    public string Url { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>Messages a receive endpoint fetches ahead; also bounds concurrent processing.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Declare durable receive queues as quorum queues (replicated in a cluster).</summary>
    public bool QuorumQueues { get; set; } = true;

    internal Uri ParsedUrl => new(Url);

    /// <summary>
    /// The URL in the <c>amqp</c>/<c>amqps</c> scheme, for RabbitMQ.Client, which refuses the <c>rabbitmq</c>/<c>rabbitmqs</c>
    /// spelling MassTransit also accepts.
    /// </summary>
    public Uri AmqpUrl
    {
        get
        {
            var url = ParsedUrl;
            var scheme = url.Scheme switch
            {
                "rabbitmq" => "amqp",
                "rabbitmqs" => "amqps",
                var other => other,
            };
            return scheme == url.Scheme ? url : new UriBuilder(url) { Scheme = scheme }.Uri;
        }
    }
}
