using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>
/// Watches for hosts that fall silent: one whose heartbeats stop for <see cref="ConductorOptions.HostDownSeconds"/> is
/// announced down (<see cref="HostWentDown"/>, which marks each of its containers Unknown), and one heard again after
/// that is asked for its inventory at once, so that its containers' statuses are put right within seconds rather than
/// at its next periodic inventory. A host that holds claims but has not been heard since this conductor started counts
/// as silent since the start, so a host that died while no conductor ran is found too. A host an operator forced down is
/// down whatever its heartbeats say.
/// </summary>
internal sealed partial class HostDownWatcher(
    IWorkerDirectory workers, IHostRecords hosts, IBus bus, IOptions<ConductorOptions> options, TimeProvider clock, ILogger<HostDownWatcher> logger) :
    BackgroundService
{
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.HostDownSeconds / 4.0, 0.5, 5));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Look(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next look tries again; a host marked meanwhile is not marked twice.
                LogLookFailed(logger, e.Message);
            }
        }
    }

    internal async Task Look(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = workers.Workers().ToDictionary(w => w.Host, StringComparer.Ordinal);
        var records = await hosts.SnapshotAsync(cancellationToken);
        var holding = records.Values.Where(r => r.Claims.Count > 0).Select(r => r.Host);
        foreach (var host in known.Keys.Union(holding, StringComparer.Ordinal))
        {
            var heard = known.GetValueOrDefault(host);
            var silentSince = heard?.LastSeen ?? _startedAt;
            if (records.GetValueOrDefault(host)?.ForcedDown == true || now - silentSince > options.Value.HostDown)
            {
                if (!_down.Add(host))
                    continue;
                LogHostDown(logger, host, (long)(now - silentSince).TotalSeconds);
                await bus.Publish(new HostWentDown { Host = host, LastSeen = heard?.LastSeen, Timestamp = now }, cancellationToken);
            }
            else if (_down.Remove(host) && heard is not null)
            {
                LogHostBack(logger, host);
                var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{heard.Endpoint}"));
                await endpoint.Send(new ReportInventory { Host = host, Reason = "the host is heard again after it was down" }, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} is down: no heartbeat for {Seconds} s; its containers are Unknown until it reports again")]
    private static partial void LogHostDown(ILogger logger, string host, long seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} is heard again; its inventory is asked for")]
    private static partial void LogHostBack(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for hosts that are down failed: {Reason}")]
    private static partial void LogLookFailed(ILogger logger, string reason);
}
