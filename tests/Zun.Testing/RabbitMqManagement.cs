using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    /// <summary>Creates the virtual host, lets the AMQP URL's user do everything in it, and returns the AMQP URL that names it.</summary>
    public async Task<string> CreateVirtualHostAsync(string name)
    {
        var user = Uri.UnescapeDataString(_amqpUrl.UserInfo.Split(':')[0] is { Length: > 0 } u ? u : "guest");
        (await _http.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await _http.PutAsync($"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();
        return new UriBuilder(_amqpUrl) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>Deletes the virtual host with its queues; one that is already gone is not an error.</summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        using var response = await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}");
    }

    /// <summary>How many messages a queue of a virtual host holds, or null when it does not exist.</summary>
    public async Task<int?> QueueDepthAsync(string virtualHost, string queue)
    {
        using var response = await _http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;

        response.EnsureSuccessStatusCode();
        var queueInfo = await response.Content.ReadFromJsonAsync<JsonElement>();

        // A queue just declared has no statistics yet.
        return queueInfo.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt32() : 0;
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
}
