namespace Zun.Hosting.Publishers;

/// <summary>
/// The publisher part of <c>Zun:Policy</c>, read by the conductor and the worker alike: which RabbitMQ users may do what
/// on the bus. A publisher is known by the AMQP <c>user_id</c> of its messages, which RabbitMQ refuses unless it names the
/// connection's own user.
/// </summary>
public sealed class PublisherOptions
{
    public const string Section = "Zun:Policy";

    /// <summary>
    /// Broker user to role: <c>service</c> (acts for any project and for all of them, as OpenStack services do over RPC),
    /// <c>host</c> (a worker: only its heartbeats, inventories, observations and outcomes are applied) or a project id (its
    /// commands and queries must name that project). Entries from configuration are added to these defaults; an empty
    /// value takes a default's user out of the map. Broker user names are compared exactly.
    /// </summary>
    public Dictionary<string, string> Publishers { get; set; } = new(StringComparer.Ordinal)
    {
        ["guest"] = PublisherRoles.Service,
        ["zun-service"] = PublisherRoles.Service,
        ["zun-host"] = PublisherRoles.Host,
    };

    /// <summary>
    /// The role of a publisher that sets no <c>user_id</c>: <c>service</c> (the default, so that publishers written before
    /// Zun knew its publishers keep working), <c>reject</c>, or a project id; never <c>host</c>. Host messages and work
    /// for a worker are trusted only from an identified publisher, whatever this says.
    /// </summary>
    public string UnidentifiedPublisher { get; set; } = PublisherRoles.Service;
}
