using System.Globalization;
using System.Text;

namespace Zun.Bench.Output;

/// <summary>The fleet run's figures: the section of docs/performance.md between its fleet markers.</summary>
internal static class FleetReport
{
    public const string BeginMarker = "<!-- bench:fleet:begin (written by bench/Zun.Bench -- fleet; edit outside these markers) -->";
    public const string EndMarker = "<!-- bench:fleet:end -->";

    public static string Figures(BenchReport report, string plot)
    {
        var c = CultureInfo.InvariantCulture;
        var f = report.Fleet ?? throw new InvalidOperationException("the report holds no fleet run");
        var m = report.Machine;
        var s = new StringBuilder();
        s.AppendLine(c, $"Measured {report.StartedAt:yyyy-MM-dd HH:mm} UTC with `{report.Command}` on {m.Cores} cores, {m.MemoryGiB:0} GiB, {m.Os} (kernel {m.Kernel}),")
            .AppendLine(c, $".NET {m.DotNet}, RabbitMQ {m.RabbitMq}. Load average when the run started: {m.LoadAverageAtStart}. One conductor (SQLite, metrics served), {f.WorkerProcesses},")
            .AppendLine(c, $"Null runtime; {f.Containers:N0} containers created at {f.OfferedPerSecond:0}/s offered (open loop), in one project; claims per host at the end {f.ClaimsPerHostMin}-{f.ClaimsPerHostMax}.")
            .AppendLine()
            .AppendLine("| measure | figure | target | met? |")
            .AppendLine("|---|---|---|---|");
        if (f.FleetPlacement is { } fleet)
            s.AppendLine(c, $"| placement per create, {f.Hosts} hosts ({fleet.ContainersBefore:N0}-{fleet.ContainersAfter:N0} containers, {fleet.Placed:N0} placements) | p50 {fleet.P50Ms:0.00} ms, p99 {fleet.P99Ms:0.00} ms (bucket ≤ {fleet.P99BucketMs:0.##} ms), mean {fleet.MeanMs:0.00} ms | under 2 ms | {Met(fleet.P50Ms < 2)} at p50, {Met(fleet.MeanMs < 2)} on the mean, {Met(fleet.P99Ms < 2)} at p99 |");
        if (f.SingleHostPlacement is { } one)
            s.AppendLine(c, $"| placement per create, 1 host ({one.ContainersBefore:N0}-{one.ContainersAfter:N0} containers) | p50 {one.P50Ms:0.00} ms, p99 {one.P99Ms:0.00} ms (bucket ≤ {one.P99BucketMs:0.##} ms), mean {one.MeanMs:0.00} ms | (comparison) | |");
        s.AppendLine(c, $"| conductor CPU for heartbeats, {f.Hosts} hosts (idle with heartbeats less idle without) | {f.HeartbeatCpuPercentOfCore:0.00} % of one core; {f.HeartbeatCpuMsPerHostPerMinute:0.0} ms per host per minute, {f.HeartbeatCpuMsEach:0.00} ms per heartbeat | under 2 % of one core | {Met(f.HeartbeatCpuPercentOfCore < 2)} |");
        if (f.Restarts.Count > 0)
        {
            s.AppendLine(c, $"| conductor killed and started again, {f.Restarts[0].ContainersInStore:N0} containers in the store ({f.Restarts.Count} times) | answers `ListContainers` after {string.Join(" / ", f.Restarts.Select(r => $"{r.FirstListMs / 1000:0.0}"))} s; a create sent at its start completed after {string.Join(" / ", f.Restarts.Select(r => $"{r.FirstCreateMs / 1000:0.0}"))} s | under 5 s | {Met(f.Restarts.All(r => r.FirstListMs < 5000))} (query, {Under(f.Restarts.Select(r => r.FirstListMs), 5000)}); {Met(f.Restarts.All(r => r.FirstCreateMs < 5000))} (create, {Under(f.Restarts.Select(r => r.FirstCreateMs), 5000)}) |");
        }

        if (f.ListAll is { } all)
            s.AppendLine(c, $"| `ListContainers`, whole project ({f.ListAllCount:N0} listed, as `zun list` asks), {all.Samples} requests | p50 {all.P50Ms:0} ms, p99 {all.P99Ms:0} ms; the conductor's consume {f.ListAllConductorMeanMs:0} ms of it (mean) | p99 under 200 ms | {Met(all.P99Ms < 200)} |");
        if (f.ListPage is { } page)
            s.AppendLine(c, $"| `ListContainers`, first page of 1,000 (zun-api's default), {page.Samples} requests | p50 {page.P50Ms:0} ms, p99 {page.P99Ms:0} ms; the conductor's consume {f.ListPageConductorMeanMs:0} ms of it (mean) | p99 under 200 ms | {Met(page.P99Ms < 200)} |");

        s.AppendLine()
            .AppendLine(c, $"RSS with the fleet full: conductor {f.ConductorRssMiB:0} MiB, the {f.Hosts} workers' process {f.WorkersRssMiB:0} MiB.")
            .AppendLine()
            .AppendLine(c, $"![placement per create against containers per host]({plot})")
            .AppendLine()
            .AppendLine("Placement by stage (the conductor's histogram read between stages; p50 and p99 estimated within its buckets; the first stage of each run warms the processes up; create latency is the load generator's, publish to `OperationCompleted`):")
            .AppendLine()
            .AppendLine("| hosts | containers | placed | placement p50 / p99 / mean ms | create p50 / p99 ms | conductor CPU ms per create | failed | load avg |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in f.Placement)
            s.AppendLine(c, $"| {p.Hosts} | {p.ContainersBefore:N0}-{p.ContainersAfter:N0}{(p.WarmUp ? " (warm-up)" : "")} | {p.Placed:N0} | {p.P50Ms:0.00} / {p.P99Ms:0.00} / {p.MeanMs:0.00} | {p.CreateP50Ms:0.0} / {p.CreateP99Ms:0.0} | {p.ConductorCpuMsPerCreate:0.00} | {p.Failed} | {p.LoadAverage1:0.0} |");

        s.AppendLine()
            .AppendLine("Idle windows (nothing asked of Zun; CPU in % of one core):")
            .AppendLine()
            .AppendLine("| window | seconds | hosts up | heartbeats heard | conductor CPU % (ms per minute) | workers' process CPU % | broker CPU % | machine busy % (load avg) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in f.Idle)
            s.AppendLine(c, $"| {w.Label} | {w.Seconds:0} | {w.HostsUp} | {w.HeartbeatsHeard} | {w.ConductorCpuPercent:0.00} ({w.ConductorCpuMsPerMinute:0}) | {Figure(w.WorkersCpuPercent, "0.00")} | {w.BrokerCpuPercent:0.00} | {w.MachineBusyPercent:0} ({w.LoadAverage1:0.0}) |");

        s.AppendLine()
            .AppendLine("Conductor restarts (SIGKILL, then a new process on the same store; times from the new process's start):")
            .AppendLine()
            .AppendLine("| containers in the store | ready (bus up, endpoints bound) ms | CPU used by then ms | first `ListContainers` answered ms | first create ended ms | outcome |")
            .AppendLine("|---:|---:|---:|---:|---:|---|")
            .AppendLine(c, $"| 0 (the first start) | {f.EmptyStoreStartMs:0} | {f.EmptyStoreStartCpuMs:0} | | | |");
        foreach (var r in f.Restarts)
            s.AppendLine(c, $"| {r.ContainersInStore:N0} | {r.ReadyMs:0} | {r.CpuAtReadyMs:0} | {r.FirstListMs:0} | {Figure(r.FirstCreateMs, "0")} | {r.FirstCreateOutcome} |");
        s.AppendLine();
        foreach (var note in report.Notes)
            s.AppendLine(c, $"- {note}");
        return s.ToString();
    }

    private static string Met(bool met) => met ? "**yes**" : "**no**";

    private static string Under(IEnumerable<double> milliseconds, double limit)
    {
        var all = milliseconds.ToList();
        return $"{all.Count(ms => ms < limit)} of {all.Count} under";
    }

    /// <summary>A figure, or a dash where there was nothing to measure (no workers' process, no end heard).</summary>
    private static string Figure(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
