using Testcontainers.RabbitMq;
using Zun.Testing;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// The real RabbitMQ the tests run against: the one named by ZUN_TEST_RABBITMQ_URL (as .ci/run sets it),
/// or else one started with Testcontainers. Each test system gets a virtual host of its own, so
/// conductors of different tests never see each other's commands.
/// </summary>
internal static class TestBroker
{
    private const int ManagementPort = 15672;
    private static readonly Lazy<Task<RabbitMqManagement>> Shared = new(StartAsync);

    /// <summary>A virtual host with its <c>service</c> and <c>host</c> users (<see cref="RabbitMqManagement.CreateVirtualHostAsync"/>).</summary>
    public static async Task<TestVirtualHost> CreateVirtualHostAsync(string name) => await (await Shared.Value).CreateVirtualHostAsync(name);

    /// <summary>Another broker user of the virtual host, deleted with it; returns its AMQP URL.</summary>
    public static async Task<string> CreateUserAsync(string virtualHost, string suffix, BrokerPermissions permissions) =>
        await (await Shared.Value).CreateUserAsync(virtualHost, suffix, permissions);

    /// <summary>Gives the administrator (the clients' user) of the virtual host <paramref name="permissions"/> instead of all.</summary>
    public static async Task RestrictAdministratorAsync(string virtualHost, BrokerPermissions permissions)
    {
        var management = await Shared.Value;
        await management.SetPermissionsAsync(virtualHost, management.AdministratorName, permissions);
    }

    public static async Task DeleteVirtualHostAsync(string name) => await (await Shared.Value).DeleteVirtualHostAsync(name);

    /// <summary>The names of the exchanges of a virtual host.</summary>
    public static async Task<IReadOnlyList<string>> ExchangeNamesAsync(string virtualHost) => await (await Shared.Value).ExchangeNamesAsync(virtualHost);

    /// <summary>How many messages a queue of a virtual host holds, or null when it does not exist.</summary>
    public static async Task<int?> QueueDepthAsync(string virtualHost, string queue) => await (await Shared.Value).QueueDepthAsync(virtualHost, queue);

    private static async Task<RabbitMqManagement> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ZUN_TEST_RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var url = new Uri(configured);
            var management = Environment.GetEnvironmentVariable("ZUN_TEST_RABBITMQ_MANAGEMENT_URL");
            return new RabbitMqManagement(url, new Uri(string.IsNullOrWhiteSpace(management) ? $"http://{url.Host}:{ManagementPort}/" : management));
        }

        var container = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithPortBinding(ManagementPort, true)
            .Build();
        await container.StartAsync();
        return new RabbitMqManagement(
            new Uri(container.GetConnectionString()),
            new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(ManagementPort)}/"));
    }
}
