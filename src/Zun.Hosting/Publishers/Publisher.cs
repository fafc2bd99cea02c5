namespace Zun.Hosting.Publishers;

/// <summary>Who published a message, as far as the broker vouches for it, and the role Zun's policy gives them.</summary>
/// <param name="UserId">The AMQP <c>user_id</c>, which RabbitMQ checked against the connection's user; null when none was set.</param>
/// <param name="Role">What the policy lets this publisher do.</param>
/// <param name="ProjectId">The one project a <see cref="PublisherRole.Project"/> publisher acts for; null for every other role.</param>
public sealed record Publisher(string? UserId, PublisherRole Role, string? ProjectId = null)
{
    /// <summary>Whether the broker vouches for the publisher: it set a <c>user_id</c>, which RabbitMQ validated.</summary>
    public bool Identified => UserId is not null;

    /// <summary>Only an identified publisher mapped to <c>host</c>: a report about a host is trusted from nobody else.</summary>
    public bool IsHost => Identified && Role == PublisherRole.Host;

    /// <summary>Only an identified publisher mapped to <c>service</c>, as the conductor always is: whom a worker takes work from.</summary>
    public bool IsIdentifiedService => Identified && Role == PublisherRole.Service;

    /// <summary>The publisher as a reason names it.</summary>
    public string Name => UserId is null ? "a publisher that set no AMQP user_id" : $"broker user '{UserId}'";

    /// <summary>The role as a metric tag spells it.</summary>
    public string RoleTag => Role switch
    {
        PublisherRole.Service => Identified ? "service" : "unidentified_service",
        PublisherRole.Host => "host",
        PublisherRole.Project => Identified ? "project" : "unidentified_project",
        PublisherRole.Unknown => "unknown",
        _ => "unidentified",
    };
}
