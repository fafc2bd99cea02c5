using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Worker.Options;

namespace Zun.Worker.Runtime;

/// <summary>
/// Rides out the engine going away, as it does while dockerd restarts (about 15 s). Work that finds the engine
/// unreachable waits for it to answer again, for up to <see cref="WorkerOptions.EngineOutageSeconds"/> and never past
/// the operation's deadline, then runs again from the start (every action is idempotent). Meanwhile
/// <see cref="UnreachableSince"/> says so, and the heartbeats carry it so that the conductor places nothing here.
/// An engine that answers with an error is not an outage: that error is the outcome.
/// </summary>
internal sealed partial class EngineOutage(IContainerRuntime runtime, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<EngineOutage> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private DateTimeOffset? _unreachableSince;

    /// <summary>Since when the engine has not been reachable; null while it answers.</summary>
    public DateTimeOffset? UnreachableSince
    {
        get
        {
            lock (_gate)
                return _unreachableSince;
        }
    }

    /// <summary>The engine answered a call.</summary>
    public void Answered()
    {
        DateTimeOffset? since;
        lock (_gate)
            (since, _unreachableSince) = (_unreachableSince, null);
        if (since is { } start)
            LogEngineBack(logger, (clock.GetUtcNow() - start).TotalSeconds);
    }

    /// <summary>A call found the engine unreachable.</summary>
    public void Lost(ContainerRuntimeException failure)
    {
        bool first;
        lock (_gate)
        {
            first = _unreachableSince is null;
            _unreachableSince ??= clock.GetUtcNow();
        }

        if (first)
            LogEngineLost(logger, failure.Message);
    }

    public Task RideOutAsync(Func<CancellationToken, Task> work, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        RideOutAsync(
            async ct =>
            {
                await work(ct);
                return true;
            },
            deadline,
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/>, and again each time the engine comes back after it found the engine unreachable;
    /// when the engine stays away past the wait, fails for good (no retry would find it sooner) saying how long it waited.
    /// </summary>
    public async Task<T> RideOutAsync<T>(Func<CancellationToken, Task<T>> work, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        DateTimeOffset? lostAt = null;
        while (true)
        {
            try
            {
                var result = await work(cancellationToken);
                Answered();
                return result;
            }
            catch (ContainerRuntimeException e) when (e.EngineUnreachable && options.Value.EngineOutageSeconds > 0)
            {
                Lost(e);
                lostAt ??= clock.GetUtcNow();
                if (!await WaitForEngineAsync(Earlier(lostAt.Value + options.Value.EngineOutageWindow, deadline), cancellationToken))
                {
                    throw new ContainerRuntimeException(
                        $"{e.Message} (waited {(clock.GetUtcNow() - lostAt.Value).TotalSeconds:0} s for the engine to answer again)", isTransient: false, e);
                }
            }
        }
    }

    private async Task<bool> WaitForEngineAsync(DateTimeOffset giveUpAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(PollInterval, clock, cancellationToken);
            if (await AnswersAsync(cancellationToken))
            {
                Answered();
                return true;
            }

            if (clock.GetUtcNow() >= giveUpAt)
                return false;
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        // An engine half-way up may accept the connection and not answer yet: each ping is bounded.
        using var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ping.CancelAfter(PingTimeout);
        try
        {
            await runtime.PingAsync(ping.Token);
            return true;
        }
        catch (ContainerRuntimeException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static DateTimeOffset Earlier(DateTimeOffset time, DateTimeOffset? other) =>
        other is { } given && given < time ? given : time;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The container engine is unreachable ({Reason}); work waits for it to come back")]
    private static partial void LogEngineLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The container engine answers again after {Seconds:0.0} s")]
    private static partial void LogEngineBack(ILogger logger, double seconds);
}
