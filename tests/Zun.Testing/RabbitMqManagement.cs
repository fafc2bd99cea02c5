using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Zun.Testing;

/// <summary>
/// RabbitMQ's management API, with the credentials of the AMQP URL: a virtual host of its own for each system under
/// test, and what the broker holds.
/// </summary>
public sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _amqpUrl;

    public RabbitMqManagement(Uri amqpUrl, Uri managementUrl)
    {
        _amqpUrl = amqpUrl;
        var credentials = Uri.UnescapeDataString(amqpUrl.UserInfo is { Length: > 0 } info ? info : "guest:guest");
        _http = new HttpClient { BaseAddress = managementUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>The AMQP URL's own user, which administers the test virtual hosts.</summary>
    public string AdministratorName => Uri.UnescapeDataString(_amqpUrl.UserInfo.Split(':')[0] is { Length: > 0 } u ? u : "guest");

    /// <summary>
    /// Creates the virtual host, lets the AMQP URL's user do everything in it, and makes its <c>service</c> and <c>host</c>
    /// users with their roles' permissions (<see cref="BrokerPermissions"/>).
    /// </summary>
    public async Task<TestVirtualHost> CreateVirtualHostAsync(string name)
    {
        (await _http.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        await SetPermissionsAsync(name, AdministratorName, BrokerPermissions.All);
        return new TestVirtualHost(
            name,
            new UriBuilder(_amqpUrl) { Path = "/" + name }.Uri.ToString(),
            await CreateUserAsync(name, BrokerPermissions.Service, BrokerPermissions.Of(BrokerPermissions.Service)),
            await CreateUserAsync(name, BrokerPermissions.Host, BrokerPermissions.Of(BrokerPermissions.Host)));
    }

    /// <summary>
    /// Makes the broker user <c>&lt;virtualHost&gt;.&lt;suffix&gt;</c> with a random password and <paramref name="permissions"/>
    /// on that virtual host only, and returns its AMQP URL; <see cref="DeleteVirtualHostAsync"/> deletes it again.
    /// </summary>
    public async Task<string> CreateUserAsync(string virtualHost, string suffix, BrokerPermissions permissions, string tags = "")
    {
        var user = TestVirtualHost.UserName(virtualHost, suffix);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        (await _http.PutAsync($"api/users/{Uri.EscapeDataString(user)}", JsonContent.Create(new { password, tags }))).EnsureSuccessStatusCode();
        await SetPermissionsAsync(virtualHost, user, permissions);
        return new UriBuilder(_amqpUrl) { UserName = Uri.EscapeDataString(user), Password = password, Path = "/" + virtualHost }.Uri.ToString();
    }

    /// <summary>Sets what <paramref name="user"/> may do in <paramref name="virtualHost"/>.</summary>
    public async Task SetPermissionsAsync(string virtualHost, string user, BrokerPermissions permissions)
    {
        using var response = await _http.PutAsync(
            $"api/permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes the virtual host with its queues and its users; what is already gone is not an error.</summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        using (await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}"))
        {
        }

        var users = await _http.GetFromJsonAsync<JsonElement>("api/users");
        foreach (var user in users.EnumerateArray().Select(u => u.GetProperty("name").GetString() ?? "").Where(u => u.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            using (await _http.DeleteAsync($"api/users/{Uri.EscapeDataString(user)}"))
            {
            }
        }
    }

    /// <summary>How many messages a queue of a virtual host holds, or null when it does not exist.</summary>
    public async Task<int?> QueueDepthAsync(string virtualHost, string queue)
    {
        if (await QueueAsync(virtualHost, queue) is not { } queueInfo)
            return null;

        // A queue just declared has no statistics yet.
        return queueInfo.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt32() : 0;
    }

    /// <summary>The leader and replicas of a quorum queue, or null when the queue does not exist (or is not a quorum queue).</summary>
    public async Task<QuorumQueueReplicas?> QuorumReplicasAsync(string virtualHost, string queue)
    {
        if (await QueueAsync(virtualHost, queue) is not { } queueInfo
            || !queueInfo.TryGetProperty("leader", out var leader) || leader.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new QuorumQueueReplicas(leader.GetString()!, Names(queueInfo, "members"), Names(queueInfo, "online"));
    }

    /// <summary>The node each AMQP connection to the virtual host is attached to, one entry per connection.</summary>
    public async Task<IReadOnlyList<string>> ConnectionNodesAsync(string virtualHost)
    {
        var connections = await _http.GetFromJsonAsync<JsonElement>($"api/vhosts/{Uri.EscapeDataString(virtualHost)}/connections");
        return [.. connections.EnumerateArray().Select(c => c.GetProperty("node").GetString() ?? "")];
    }

    /// <summary>The broker's version, or null when the management API cannot be reached or does not say.</summary>
    public async Task<string?> VersionAsync()
    {
        try
        {
            var overview = await _http.GetFromJsonAsync<JsonElement>("api/overview");
            return overview.TryGetProperty("rabbitmq_version", out var version) ? version.GetString() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The queues of a virtual host with their type and durability, to record what was measured.</summary>
    public async Task<IReadOnlyList<string>> DescribeQueuesAsync(string virtualHost)
    {
        var queues = await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(virtualHost)}");
        return [.. queues.EnumerateArray().Select(q =>
            $"{q.GetProperty("name").GetString()} ({q.GetProperty("type").GetString()}, durable={q.GetProperty("durable").GetBoolean()})")];
    }

    /// <summary>The names of the exchanges declared in a virtual host.</summary>
    public async Task<IReadOnlyList<string>> ExchangeNamesAsync(string virtualHost)
    {
        var exchanges = await _http.GetFromJsonAsync<JsonElement>($"api/exchanges/{Uri.EscapeDataString(virtualHost)}");
        return [.. exchanges.EnumerateArray().Select(e => e.GetProperty("name").GetString() ?? "")];
    }

    public void Dispose() => _http.Dispose();

    private static IReadOnlyList<string> Names(JsonElement queueInfo, string property) =>
        queueInfo.TryGetProperty(property, out var names) && names.ValueKind == JsonValueKind.Array
            ? [.. names.EnumerateArray().Select(n => n.GetString() ?? "")]
            : [];

    /// <summary>What the management API says about a queue, or null when it does not exist.</summary>
    private async Task<JsonElement?> QueueAsync(string virtualHost, string queue)
    {
        using var response = await _http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
