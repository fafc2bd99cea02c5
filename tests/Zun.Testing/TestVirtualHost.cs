namespace Zun.Testing;

/// <summary>
/// A virtual host of one system under test, with the broker users Zun's processes run as in it: each a user of its own,
/// named after the virtual host, with its role's permissions there only, deleted with the virtual host.
/// </summary>
/// <param name="Name">The virtual host.</param>
/// <param name="ClientUrl">The administrator's URL (guest, or the broker's own), which clients use; a <c>service</c> in Zun's default policy.</param>
/// <param name="ServiceUrl">The URL of the virtual host's <c>service</c> user, for conductors.</param>
/// <param name="HostUrl">The URL of its <c>host</c> user, for workers.</param>
public sealed record TestVirtualHost(string Name, string ClientUrl, string ServiceUrl, string HostUrl)
{
    /// <summary>The broker user a role's user of virtual host <paramref name="virtualHost"/> is named (<c>&lt;vhost&gt;.host</c>).</summary>
    public static string UserName(string virtualHost, string suffix) => $"{virtualHost}.{suffix}";

    /// <summary>
    /// <c>Zun:Policy:Publishers</c> entries mapping this virtual host's users to their roles, for conductors and workers;
    /// <paramref name="separator"/> is <c>:</c> for configuration keys, <c>__</c> for environment variables.
    /// </summary>
    public IReadOnlyDictionary<string, string> PublisherSettings(string separator = ":") => new Dictionary<string, string>
    {
        [$"Zun{separator}Policy{separator}Publishers{separator}{UserName(Name, BrokerPermissions.Service)}"] = "service",
        [$"Zun{separator}Policy{separator}Publishers{separator}{UserName(Name, BrokerPermissions.Host)}"] = "host",
    };
}
