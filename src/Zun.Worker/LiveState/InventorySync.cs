using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Worker.Heartbeats;
using Zun.Worker.Options;

namespace Zun.Worker.LiveState;

/// <summary>
/// Publishes the host's inventory when the worker starts and every <see cref="WorkerOptions.SyncIntervalSeconds"/>,
/// so that the conductor catches up on anything whose event it never received. The host's platform is read again
/// with it, so a reconfigured engine (new labels, an upgraded kernel) shows within one round.
/// </summary>
internal sealed partial class InventorySync(
    HostInventoryPublisher inventory,
    HostPlatformCache platform,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<InventorySync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SyncIntervalSeconds), clock);
        do
        {
            try
            {
                await inventory.PublishAsync(stoppingToken);
                await platform.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again; the event stream keeps reporting meanwhile.
                LogInventoryFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host inventory not published: {Reason}")]
    private static partial void LogInventoryFailed(ILogger logger, string reason);
}
