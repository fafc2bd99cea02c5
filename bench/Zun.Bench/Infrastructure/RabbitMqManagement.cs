using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Zun.Bench.Infrastructure;

/// <summary>RabbitMQ's management API: a fresh virtual host per system under test, and the broker's version.</summary>
internal sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _amqp;

    public RabbitMqManagement(BenchEnvironment environment)
    {
        _amqp = new Uri(environment.RabbitUrl);
        var credentials = Uri.UnescapeDataString(_amqp.UserInfo is { Length: > 0 } info ? info : "guest:guest");
        _http = new HttpClient { BaseAddress = environment.ManagementUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>Creates the virtual host and returns the AMQP URL that names it.</summary>
    public async Task<string> CreateVirtualHostAsync(string name)
    {
        var user = Uri.UnescapeDataString(_amqp.UserInfo.Split(':')[0] is { Length: > 0 } u ? u : "guest");
        (await _http.PutAsync($"api/vhosts/{name}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await _http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();
        return new UriBuilder(_amqp) { Path = "/" + name }.Uri.ToString();
    }

    public async Task DeleteVirtualHostAsync(string name) => await _http.DeleteAsync($"api/vhosts/{name}");

    public async Task<string> VersionAsync()
    {
        try
        {
            var overview = await _http.GetFromJsonAsync<JsonElement>("api/overview");
            return overview.TryGetProperty("rabbitmq_version", out var version) ? version.GetString() ?? "?" : "?";
        }
        catch (HttpRequestException)
        {
            return "unknown (management API not reachable)";
        }
    }

    /// <summary>The queues of a virtual host with their type and durability, to record what was measured.</summary>
    public async Task<IReadOnlyList<string>> DescribeQueuesAsync(string virtualHost)
    {
        var queues = await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(virtualHost)}");
        return [.. queues.EnumerateArray().Select(q =>
            $"{q.GetProperty("name").GetString()} ({q.GetProperty("type").GetString()}, durable={q.GetProperty("durable").GetBoolean()})")];
    }

    public void Dispose() => _http.Dispose();
}
