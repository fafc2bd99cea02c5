using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Upgrade;

/// <summary>
/// Deletes, before the bus starts, the queues earlier conductors consumed and this one does not
/// (<c>&lt;Endpoint&gt;-operations</c> and <c>&lt;Endpoint&gt;-notifications</c>): MassTransit left them bound to
/// the event exchanges, so on a broker that ran an earlier version they fill with every event. A queue that
/// something still consumes (an earlier conductor during a rolling upgrade) is left for a later start.
/// Nothing here stops the conductor from starting: failures are logged and the bus connects on its own.
/// </summary>
internal sealed partial class RetiredQueueCleanup(
    IOptions<RabbitMqOptions> rabbit,
    IOptions<ConductorOptions> conductor,
    ILogger<RetiredQueueCleanup> logger) : IHostedService
{
    // A broker that does not answer must not hold the start up for long; the bus has its own retry.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly string[] RetiredSuffixes = ["-operations", "-notifications"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        foreach (var queue in RetiredSuffixes.Select(suffix => conductor.Value.Endpoint + suffix))
        {
            try
            {
                await Retire(queue, budget.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, queue, e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Retire(string queue, CancellationToken cancellationToken)
    {
        await using var connection = await Connect(cancellationToken);

        // A passive declare of a missing queue closes its channel with 404, hence a channel of its own.
        uint consumers;
        await using (var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            try
            {
                consumers = (await probe.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                return;
            }
        }

        if (consumers > 0)
        {
            LogInUse(logger, queue);
            return;
        }

        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            LogDeleted(logger, queue, await channel.QueueDeleteAsync(queue, ifUnused: true, ifEmpty: false, cancellationToken: cancellationToken));
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            // A consumer attached since the probe.
            LogInUse(logger, queue);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotImplemented)
        {
            // Quorum queues, which earlier versions declared by default, refuse if-unused (RabbitMQ closes the
            // connection with 540). The probe found no consumer; only one attaching in the milliseconds since could be cut off.
            await using var retry = await Connect(cancellationToken);
            await using var channel = await retry.CreateChannelAsync(cancellationToken: cancellationToken);
            LogDeleted(logger, queue, await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken));
        }
    }

    private Task<IConnection> Connect(CancellationToken cancellationToken) =>
        new ConnectionFactory
        {
            Uri = rabbit.Value.AmqpUrl,
            ClientProvidedName = $"zun-conductor-cleanup@{Environment.MachineName}",
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Deleted retired queue {Queue}, which this conductor no longer reads; the {Messages} message(s) it held were dropped")]
    private static partial void LogDeleted(ILogger logger, string queue, uint messages);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Left retired queue {Queue} in place: it still has a consumer, probably an earlier conductor during a rolling upgrade; a later start deletes it once nothing consumes it")]
    private static partial void LogInUse(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not retire queue {Queue}; starting anyway, a later start tries again")]
    private static partial void LogFailed(ILogger logger, string queue, Exception exception);
}
