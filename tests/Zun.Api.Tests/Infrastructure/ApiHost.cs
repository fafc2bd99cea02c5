using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Zun.Testing;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>The real zun-api, wired as its Program wires it, listening on a free loopback port.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the API listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri Address { get; }

    public string Endpoint => Address.ToString().TrimEnd('/');

    /// <summary>A client at the latest microversion the tests use, signed with a Keystone token when one is given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "container 1.40");
        if (token is not null)
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    public static async Task<ApiHost> StartAsync(string rabbitUrl, IDictionary<string, string?>? settings = null, RecordingLoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zun:RabbitMq:Url"] = rabbitUrl,
            ["Zun:Api:Listen"] = "http://127.0.0.1:0",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            // Its own rule for every category, so the recorder hears what the configured levels would leave out.
            builder.Logging.AddProvider(logs).AddFilter<RecordingLoggerProvider>(category: null, logs.Minimum);
        }
        builder.AddZunApi();
        var app = builder.Build();
        app.MapZunApi();
        await app.StartAsync();

        // With port 0 the server reports the port it bound once started.
        var bound = app.Urls.First();
        return new ApiHost(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
