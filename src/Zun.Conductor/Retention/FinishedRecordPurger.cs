using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;

namespace Zun.Conductor.Retention;

/// <summary>
/// Deletes the records of operations and image pulls that ended longer ago than the retention, at start and then
/// every purge interval, in batches. Several conductors on one store may all purge: a record deleted twice is
/// simply not found the second time.
/// </summary>
internal sealed partial class FinishedRecordPurger(
    IServiceProvider services,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<FinishedRecordPurger> logger) : BackgroundService
{
    /// <summary>
    /// Between two full batches: a first purge after a long time may delete millions of records, and each batch holds
    /// the store's write lock that the consumes need too.
    /// </summary>
    private static readonly TimeSpan PauseBetweenBatches = TimeSpan.FromMilliseconds(50);

    private readonly RetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.KeepsForever)
        {
            LogKeepingForever(logger, RetentionOptions.Section);
            return;
        }

        using var timer = new PeriodicTimer(_options.PurgeInterval, clock);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store may be briefly unavailable; the records wait for the next pass.
                    LogPurgeFailed(logger, ex, _options.PurgeIntervalSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, or a start that failed elsewhere: not this service's failure, so nothing to log.
        }
    }

    /// <summary>One pass over both kinds of record; returns how many of each it deleted.</summary>
    internal async Task<(int Operations, int ImagePulls)> PurgeAsync(CancellationToken cancellationToken)
    {
        var endedBefore = clock.GetUtcNow() - _options.FinishedRecordRetention;
        var operations = await PurgeAsync(services.GetRequiredService<ISagaDocumentStore<TrackedOperation>>(), endedBefore, cancellationToken);
        var imagePulls = await PurgeAsync(services.GetRequiredService<ISagaDocumentStore<ImagePull>>(), endedBefore, cancellationToken);
        if (operations + imagePulls > 0)
            LogPurged(logger, operations, imagePulls, endedBefore);
        return (operations, imagePulls);
    }

    private async Task<int> PurgeAsync<TSaga>(ISagaDocumentStore<TSaga> store, DateTimeOffset endedBefore, CancellationToken cancellationToken)
        where TSaga : class, MassTransit.ISagaVersion
    {
        var total = 0;
        while (true)
        {
            var deleted = await store.DeleteEndedBeforeAsync(endedBefore, _options.PurgeBatchSize, cancellationToken);
            total += deleted;
            if (deleted < _options.PurgeBatchSize)
                return total;
            await Task.Delay(PauseBetweenBatches, clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Records of finished operations and image pulls are kept forever ({Section}:FinishedRecordSeconds is 0)")]
    private static partial void LogKeepingForever(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Operations} operation records and {ImagePulls} image-pull records that ended before {EndedBefore:O}")]
    private static partial void LogPurged(ILogger logger, int operations, int imagePulls, DateTimeOffset endedBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging finished records failed; trying again in {IntervalSeconds} s")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception, int intervalSeconds);
}
