using Zun.Testing;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// A Zun set up as <c>deploy/local/services.sh</c> sets up one machine: the conductor and the worker run as broker users
/// of their own (service, host), the clients' user (guest) has only a client's permissions; and two more publishers,
/// one for project A, one a service, as an operator would map zun-api and a tenant's tool.
/// </summary>
public sealed class GuardedZun : IAsyncLifetime
{
    public const string ProjectUser = "project-a";
    public const string Project = "project-a";
    public const string ServiceUser = "api";

    private ZunTestSystem? _system;

    public ZunTestSystem System => _system ?? throw new InvalidOperationException("the guarded Zun has not started");

    public async ValueTask InitializeAsync() =>
        _system = await ZunTestSystem.StartAsync(
            publishers: new Dictionary<string, string> { [ProjectUser] = Project, [ServiceUser] = "service" },
            restrictClients: true);

    /// <summary>Another broker user of the system's virtual host that Zun's policy does not know, allowed to write anywhere there.</summary>
    public Task<string> StrangerUrl(string suffix) => TestBroker.CreateUserAsync(System.VirtualHost, suffix, BrokerPermissions.All);

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
    }
}
