using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Testcontainers.RabbitMq;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// The real RabbitMQ the tests run against: the one named by ZUN_TEST_RABBITMQ_URL (as .ci/run sets it),
/// or else one started with Testcontainers. Each test system gets a virtual host of its own, so
/// conductors of different tests never see each other's commands.
/// </summary>
internal static class TestBroker
{
    private const int ManagementPort = 15672;
    private static readonly Lazy<Task<Broker>> Shared = new(StartAsync);

    public static async Task<string> CreateVirtualHostAsync(string name)
    {
        var broker = await Shared.Value;
        using var http = broker.Management();
        var user = broker.AmqpUrl.UserInfo.Split(':')[0];
        (await http.PutAsync($"api/vhosts/{name}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();

        return new UriBuilder(broker.AmqpUrl) { Path = "/" + name }.Uri.ToString();
    }

    public static async Task DeleteVirtualHostAsync(string name)
    {
        var broker = await Shared.Value;
        using var http = broker.Management();
        await http.DeleteAsync($"api/vhosts/{name}");
    }

    /// <summary>How many messages a queue of a virtual host holds, or null when it does not exist.</summary>
    public static async Task<int?> QueueDepthAsync(string virtualHost, string queue)
    {
        var broker = await Shared.Value;
        using var http = broker.Management();
        using var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;

        response.EnsureSuccessStatusCode();
        var queueInfo = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return queueInfo.TryGetProperty("messages", out var messages) && messages.ValueKind == System.Text.Json.JsonValueKind.Number
            ? messages.GetInt32()
            : 0;
    }

    private static async Task<Broker> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ZUN_TEST_RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var url = new Uri(configured);
            var management = Environment.GetEnvironmentVariable("ZUN_TEST_RABBITMQ_MANAGEMENT_URL");
            return new Broker(url, new Uri(string.IsNullOrWhiteSpace(management) ? $"http://{url.Host}:{ManagementPort}/" : management));
        }

        var container = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithPortBinding(ManagementPort, true)
            .Build();
        await container.StartAsync();
        return new Broker(
            new Uri(container.GetConnectionString()),
            new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(ManagementPort)}/"));
    }

    private sealed record Broker(Uri AmqpUrl, Uri ManagementUrl)
    {
        public HttpClient Management()
        {
            var credentials = Uri.UnescapeDataString(AmqpUrl.UserInfo);
            var http = new HttpClient { BaseAddress = ManagementUrl, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            return http;
        }
    }
}
