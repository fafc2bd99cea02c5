using System.Diagnostics;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;

namespace Zun.Bench.ControlPlane;

/// <summary>
/// Offers creates to a running Zun and measures each from the moment it was due to its terminal event.
/// Open loop: a fixed schedule of <c>rate</c> per second, whatever the system does, so latency includes any queue
/// that builds up (no coordinated omission). Closed loop: a fixed number in flight, each sent when one ends.
/// </summary>
internal sealed class LoadRunner(LoadClient client, string image, string[] command, TimeSpan drainTimeout)
{
    public async Task<(LoadResult Result, List<PendingOperation> Operations)> OpenLoopAsync(
        double rate, TimeSpan warmup, TimeSpan measured, ResourceSampler sampler)
    {
        var total = (int)Math.Round(rate * (warmup + measured).TotalSeconds);
        var period = Stopwatch.Frequency / rate;
        var operations = new List<PendingOperation>(total);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * period);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            operations.Add(client.Send(due, image, command, "bench-open"));
        }

        await Drain(operations);
        var resources = await sampler.StopAsync(operations.Count(o => o.Succeeded));
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var result = Summarize("open", operations, windowStart, windowEnd, measured, warmup, resources) with { OfferedPerSecond = rate };
        return (result with { Saturated = result.Unfinished > 0 || result.ThroughputPerSecond < 0.95 * rate }, operations);
    }

    public async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan warmup, TimeSpan measured, ResourceSampler sampler)
    {
        var operations = new List<PendingOperation>();
        var gate = new Lock();
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)((warmup + measured).TotalSeconds * Stopwatch.Frequency);

        async Task Loop()
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var operation = client.Send(Stopwatch.GetTimestamp(), image, command, "bench-closed");
                lock (gate)
                    operations.Add(operation);
                if (await Task.WhenAny(operation.Ended, Task.Delay(drainTimeout)) != operation.Ended)
                    return;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Loop)));
        await Drain(operations);
        var resources = await sampler.StopAsync(operations.Count(o => o.Succeeded));
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        return Summarize("closed", operations, windowStart, stopAt, measured, warmup, resources) with { Concurrency = concurrency };
    }

    /// <summary>
    /// Keeps <paramref name="concurrency"/> creates in flight for <paramref name="duration"/> and waits for them: tiered
    /// compilation moves the hot paths of every process to optimised code only after some seconds of load, and a
    /// measurement before that measures the JIT.
    /// </summary>
    public async Task WarmUpAsync(TimeSpan duration, int concurrency)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        async Task Loop()
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var operation = client.Send(Stopwatch.GetTimestamp(), image, command, "bench-warmup");
                await Task.WhenAny(operation.Ended, Task.Delay(drainTimeout));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Loop)));
    }

    private async Task Drain(List<PendingOperation> operations)
    {
        var all = Task.WhenAll(operations.Select(o => o.Ended));
        await Task.WhenAny(all, Task.Delay(drainTimeout));
    }

    private static LoadResult Summarize(
        string mode, List<PendingOperation> operations, long windowStart, long windowEnd, TimeSpan measured, TimeSpan warmup, ResourceUse resources)
    {
        var inWindow = operations.Where(o => o.DueTimestamp >= windowStart && o.DueTimestamp < windowEnd).ToList();
        var latencies = Percentiles.Sorted(inWindow.Where(o => o.Succeeded).Select(o => o.Latency));
        var completedInWindow = operations.Count(o => o.Succeeded && o.EndTimestamp >= windowStart && o.EndTimestamp < windowEnd);
        return new LoadResult
        {
            Mode = mode,
            WarmupSeconds = warmup.TotalSeconds,
            MeasuredSeconds = measured.TotalSeconds,
            Sent = inWindow.Count,
            Completed = inWindow.Count(o => o.Succeeded),
            Failed = inWindow.Count(o => o.Outcome is not null && !o.Succeeded),
            Unfinished = inWindow.Count(o => o.Outcome is null),
            ThroughputPerSecond = Math.Round(completedInWindow / measured.TotalSeconds, 1),
            P50Ms = Math.Round(Percentiles.Of(latencies, 50), 2),
            P95Ms = Math.Round(Percentiles.Of(latencies, 95), 2),
            P99Ms = Math.Round(Percentiles.Of(latencies, 99), 2),
            MaxMs = Math.Round(latencies.Count > 0 ? latencies[^1] : double.NaN, 2),
            Resources = resources,
        };
    }
}
