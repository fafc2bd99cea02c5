namespace Zun.Client;

/// <summary>How a <see cref="ZunClient"/> reaches Zun and how long it waits.</summary>
public sealed class ZunClientOptions
{
    /// <summary>AMQP URL with credentials and virtual host, as <c>Zun:RabbitMq:Url</c>.</summary>
    public string Url { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>
    /// A RabbitMQ cluster's nodes as <c>host:port</c>, as <c>Zun:RabbitMq:Hosts</c>: when given, the client connects to
    /// them in turn and moves to the next when its node goes away; <see cref="Url"/> then supplies only credentials,
    /// virtual host and TLS.
    /// </summary>
    public IList<string> Hosts { get; set; } = [];

    /// <summary>How long connecting to the broker and binding the client's event queue may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a call waits for an operation's terminal event unless the call says otherwise.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a query waits for its answer.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The project the client acts for, stamped on commands and queries that carry no project of their own. The conductor
    /// answers only about this project's containers and operations; null is a project of its own (the containers created
    /// without one).
    /// </summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// The client acts for every project (an administrator's, or a service's on behalf of one): set on every command and
    /// query. A list then shows every project's containers, unless it names one.
    /// </summary>
    public bool AllProjects { get; set; }

    /// <summary>Stamped on commands that carry no user of their own.</summary>
    public string? UserId { get; set; }
}
