using System.Net.Http.Headers;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>
/// One whole Zun for the API tests: the real conductor and worker (real RabbitMQ, Docker and registry) and the
/// real zun-api in front of them. Each test makes containers of its own.
/// </summary>
public sealed class ApiZun : IAsyncLifetime
{
    private ZunTestSystem? _system;
    private ApiHost? _api;

    public ZunTestSystem System => _system ?? throw new InvalidOperationException("the API's Zun has not started");

    public ApiHost Api => _api ?? throw new InvalidOperationException("zun-api has not started");

    /// <summary>The API's v1 endpoint, as an operator gives it to <c>openstack --os-endpoint</c>.</summary>
    public string V1 => $"{Api.Endpoint}/v1";

    public async ValueTask InitializeAsync()
    {
        _system = await ZunTestSystem.StartAsync();
        _api = await ApiHost.StartAsync(_system.RabbitUrl);
    }

    /// <summary>A client of the API; a microversion header when <paramref name="version"/> is given.</summary>
    public HttpClient Http(string? version = null)
    {
        var client = new HttpClient { BaseAddress = Api.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (version is not null)
            client.DefaultRequestHeaders.Add("OpenStack-API-Version", $"container {version}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        if (_system is not null)
            await _system.DisposeAsync();
    }
}
