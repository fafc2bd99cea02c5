namespace Zun.Hosting.Publishers;

/// <summary>What Zun's policy lets the publisher of a message do.</summary>
public enum PublisherRole
{
    /// <summary>Acts for any project and for all projects: zun-api, the conductor, an OpenStack service.</summary>
    Service,

    /// <summary>A worker: its reports about its host and its containers are applied; it sends no commands.</summary>
    Host,

    /// <summary>Acts for one project only (<see cref="Publisher.ProjectId"/>).</summary>
    Project,

    /// <summary>The message's <c>user_id</c> names a broker user the policy does not map: nothing it sends is acted on.</summary>
    Unknown,

    /// <summary>The message has no <c>user_id</c>, and <c>Zun:Policy:UnidentifiedPublisher</c> is <c>reject</c>.</summary>
    Unidentified,
}
