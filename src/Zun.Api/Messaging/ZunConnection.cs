using Microsoft.Extensions.Options;
using Zun.Api.Options;
using Zun.Client;
using Zun.Hosting;

namespace Zun.Api.Messaging;

/// <summary>
/// The API's one connection to Zun's message core, opened before the API listens (so the first request already
/// finds it) and closed when it stops. The API keeps nothing else: every answer comes from the conductor.
/// </summary>
internal sealed partial class ZunConnection(IOptions<RabbitMqOptions> rabbit, IOptions<ApiOptions> api, ILogger<ZunConnection> logger) : IHostedService
{
    private ZunClient? _client;

    public IZunClient Client => _client ?? throw new InvalidOperationException("zun-api is not connected to RabbitMQ yet");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _client = await ZunClient.ConnectAsync(new ZunClientOptions
        {
            Url = rabbit.Value.Url,
            Hosts = rabbit.Value.Hosts,
            OperationTimeout = api.Value.AcceptTimeout,
            QueryTimeout = api.Value.QueryTimeout,
        }, cancellationToken);
        LogConnected(logger, rabbit.Value.Address());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
            await _client.DisposeAsync();
        _client = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ on {Address}")]
    private static partial void LogConnected(ILogger logger, string address);
}
