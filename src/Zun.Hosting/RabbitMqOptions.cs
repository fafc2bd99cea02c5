using System.ComponentModel.DataAnnotations;
using RabbitMQ.Client;

namespace Zun.Hosting;

/// <summary>Where the message broker is: <c>Zun:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "Zun:RabbitMq";

    /// <summary>AMQP URL with credentials and virtual host, e.g. <c>amqp://guest:guest@localhost:5672/</c>.</summary>
    [Required]
    public string Url { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>
    /// The nodes of a RabbitMQ cluster as <c>host:port</c> (<c>Zun:RabbitMq:Hosts:0</c>, <c>:1</c>, ...). When any are
    /// given, connections go to these nodes, to the next one whenever the current one cannot be reached, and the URL
    /// supplies only the credentials, the virtual host and TLS; otherwise they go to the URL's host and port.
    /// </summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>Messages a receive endpoint fetches ahead; also bounds concurrent processing.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Declare durable receive queues as quorum queues (replicated in a cluster).</summary>
    public bool QuorumQueues { get; set; } = true;

    internal Uri ParsedUrl => new(Url);

    internal bool UsesTls => ParsedUrl.Scheme.EndsWith('s');

    // What is computed from the settings are methods, not properties: validating the options reads every public
    // property, and these would throw on the very values validation is there to report.

    /// <summary>The broker user the URL signs in as (RabbitMQ's clients sign in as <c>guest</c> when it names none).</summary>
    public string UserName() =>
        ParsedUrl.UserInfo.Split(':', 2)[0] is { Length: > 0 } user ? Uri.UnescapeDataString(user) : "guest";

    /// <summary>The nodes of <see cref="Hosts"/>, which the validator has checked.</summary>
    internal IReadOnlyList<BrokerNode> Nodes() =>
        [.. Hosts.Select(h => BrokerNode.TryParse(h, out var node) ? node : throw new FormatException($"{Section}:Hosts entry '{h}' is not host:port"))];

    /// <summary>These settings with the cluster's nodes rotated to begin at <paramref name="first"/> (modulo their number).</summary>
    public RabbitMqOptions StartingAt(int first)
    {
        var start = Hosts.Count == 0 ? 0 : first % Hosts.Count;
        return new RabbitMqOptions
        {
            Url = Url,
            Hosts = [.. Hosts.Skip(start), .. Hosts.Take(start)],
            PrefetchCount = PrefetchCount,
            QuorumQueues = QuorumQueues,
        };
    }

    /// <summary>Where connections go, for log lines: the cluster's nodes, or the URL's host and port.</summary>
    public string Address() => string.Join(", ", Endpoints().Select(e => $"{e.HostName}:{e.Port}"));

    /// <summary>
    /// Every node to try, in order, for RabbitMQ.Client's endpoint-list overload of <c>CreateConnectionAsync</c>
    /// (which also reconnects through it); the connection factory's <see cref="AmqpUrl"/> supplies the rest.
    /// </summary>
    public IReadOnlyList<AmqpTcpEndpoint> Endpoints() =>
        Hosts.Count == 0
            ? [Endpoint(AmqpUrl.Host, AmqpUrl.Port)]
            : [.. Nodes().Select(n => Endpoint(n.Host, n.Port))];

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

    // A port of -1 (none in the URL) is RabbitMQ.Client's "default", 5671 with TLS and 5672 without.
    private AmqpTcpEndpoint Endpoint(string host, int port) => new(host, port, new SslOption(host, enabled: UsesTls));
}
