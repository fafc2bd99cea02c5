using System.Diagnostics;
using Zun.Bench.Output;
using Zun.Testing;

namespace Zun.Bench.Infrastructure;

/// <summary>
/// Samples the conductor's and worker's memory every half second while a load runs, and their CPU, the broker's,
/// the bench's own and the whole machine's over the run.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private readonly ZunProcess _conductor;
    private readonly ZunProcess? _worker;
    private readonly int? _brokerPid = FindBroker();
    private readonly MachineLoad _machine = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly ProcessSample? _conductorStart;
    private readonly ProcessSample? _workerStart;
    private readonly ProcessSample? _brokerStart;
    private readonly TimeSpan _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
    private double _conductorRssMax;
    private double _workerRssMax;

    /// <param name="worker">The worker process, or null when none runs.</param>
    public ResourceSampler(ZunProcess conductor, ZunProcess? worker)
    {
        _conductor = conductor;
        _worker = worker;
        _conductorStart = ProcessSample.Of(conductor);
        _workerStart = ProcessSample.Of(worker);
        _brokerStart = _brokerPid is { } pid ? ProcessSample.Read(pid) : null;
        _sampling = SampleAsync();
    }

    /// <param name="operations">Operations completed while sampling, for the CPU cost of one.</param>
    public async Task<ResourceUse> StopAsync(int operations = 0)
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        var seconds = _elapsed.Elapsed.TotalSeconds;
        var conductor = CpuPercent(_conductorStart, ProcessSample.Of(_conductor), seconds);
        var worker = CpuPercent(_workerStart, ProcessSample.Of(_worker), seconds);
        var broker = CpuPercent(_brokerStart, _brokerPid is { } pid ? ProcessSample.Read(pid) : null, seconds);
        var bench = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - _benchStart).TotalSeconds / seconds * 100, 1);
        double PerOperation(double percent) => operations > 0 ? Math.Round(percent / 100 * seconds * 1000 / operations, 3) : double.NaN;
        return new ResourceUse
        {
            ConductorRssMiBMax = Math.Round(_conductorRssMax, 1),
            WorkerRssMiBMax = Math.Round(_workerRssMax, 1),
            ConductorCpuPercent = conductor,
            WorkerCpuPercent = worker,
            BrokerCpuPercent = broker,
            BenchCpuPercent = bench,
            ConductorCpuMsPerOperation = PerOperation(conductor),
            WorkerCpuMsPerOperation = PerOperation(worker),
            BrokerCpuMsPerOperation = PerOperation(broker),
            BenchCpuMsPerOperation = PerOperation(bench),
            MachineBusyPercent = Math.Round(_machine.BusyFraction() * 100, 1),
            LoadAverage1 = MachineLoad.LoadAverage1(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private static double CpuPercent(ProcessSample? start, ProcessSample? end, double seconds) =>
        start is { } s && end is { } e && seconds > 0 ? Math.Round((e.CpuTime - s.CpuTime).TotalSeconds / seconds * 100, 2) : double.NaN;

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        if (ProcessSample.Of(_conductor) is { } conductor)
            _conductorRssMax = Math.Max(_conductorRssMax, conductor.RssMiB);
        if (ProcessSample.Of(_worker) is { } worker)
            _workerRssMax = Math.Max(_workerRssMax, worker.RssMiB);
    }

    /// <summary>RabbitMQ's Erlang VM, read-only, to show how much of the machine the broker takes.</summary>
    private static int? FindBroker()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "beam.smp"
                    && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("rabbit", StringComparison.Ordinal))
                    return pid;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }
}
