using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zun.Bench.Output;

/// <summary>The JSON result, and the figures section of docs/performance.md (between its bench markers).</summary>
internal static class ReportFiles
{
    public const string BeginMarker = "<!-- bench:begin (written by bench/Zun.Bench; edit outside these markers) -->";
    public const string EndMarker = "<!-- bench:end -->";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteJson(BenchReport report, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(report, Json));
    }

    public static BenchReport ReadJson(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no report");

    /// <summary>Replaces the section between the markers with the figures of <paramref name="report"/>; the rest of the file is left as written.</summary>
    public static void UpdateMarkdown(BenchReport report, string path, string plotRelativePath)
    {
        if (!File.Exists(path))
            File.WriteAllText(path, $"# Performance\n\n{BeginMarker}\n{EndMarker}\n");
        UpdateSection(path, BeginMarker, EndMarker, Figures(report, plotRelativePath));
    }

    /// <summary>Replaces what stands between <paramref name="beginMarker"/> and <paramref name="endMarker"/> in the file with <paramref name="section"/>.</summary>
    public static void UpdateSection(string path, string beginMarker, string endMarker, string section)
    {
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(beginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(endMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidDataException($"{path} lacks the markers {beginMarker} and {endMarker}");

        File.WriteAllText(path, text[..(begin + beginMarker.Length)] + "\n" + section + text[end..]);
    }

    private static string Figures(BenchReport report, string plot)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var m = report.Machine;
        s.AppendLine(c, $"Measured {report.StartedAt:yyyy-MM-dd HH:mm} UTC with `{report.Command}` on {m.Cores} cores, {m.MemoryGiB:0} GiB, {m.Os} (kernel {m.Kernel}),")
            .AppendLine(c, $".NET {m.DotNet}, RabbitMQ {m.RabbitMq}, Docker {m.Docker}. Load average when the run started: {m.LoadAverageAtStart}")
            .AppendLine("(the machine is shared with other engineers' builds and tests; \"machine busy\" below counts every process on it).")
            .AppendLine();

        foreach (var run in report.ControlPlane)
        {
            if (run.Skipped is not null)
            {
                s.AppendLine(c, $"**Control plane on {run.Store}**: skipped, {run.Skipped}.").AppendLine();
                continue;
            }

            s.AppendLine(c, $"**Control plane on {run.Store}** (conductor and worker as separate processes, Null runtime; create with run, from the scheduled send to `OperationCompleted`).")
                .AppendLine(c, $"Idle RSS: conductor {run.ConductorIdleRssMiB} MiB, worker {run.WorkerIdleRssMiB} MiB.")
                .AppendLine()
                .AppendLine("| load | completed ops/s | p50 ms | p95 ms | p99 ms | failed / unfinished | CPU % conductor / worker / broker / bench | CPU ms per op conductor / worker / broker | RSS MiB conductor / worker | machine busy % (load avg) |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var l in run.OpenLoop.Concat(run.ClosedLoop is { } closed ? [closed] : []))
            {
                var load = l.OfferedPerSecond is { } o ? $"{o:0}/s offered{(l.Saturated ? " (saturated)" : "")}" : $"closed loop, {l.Concurrency} in flight";
                var r = l.Resources;
                s.AppendLine(c, $"| {load} | {l.ThroughputPerSecond:0.0} | {l.P50Ms:0.0} | {l.P95Ms:0.0} | {l.P99Ms:0.0} | {l.Failed} / {l.Unfinished} | {r.ConductorCpuPercent:0} / {r.WorkerCpuPercent:0} / {r.BrokerCpuPercent:0} / {r.BenchCpuPercent:0} | {r.ConductorCpuMsPerOperation:0.00} / {r.WorkerCpuMsPerOperation:0.00} / {r.BrokerCpuMsPerOperation:0.00} | {r.ConductorRssMiBMax:0} / {r.WorkerRssMiBMax:0} | {r.MachineBusyPercent:0} ({r.LoadAverage1:0.0}) |");
            }

            s.AppendLine().AppendLine(c, $"Queues: {string.Join(", ", run.Queues)}.").AppendLine();
        }

        if (report.ControlPlane.Any(r => r.Skipped is null))
            s.AppendLine(c, $"![throughput and latency against offered load]({plot})").AppendLine();

        if (report.SagaStore.Count > 0)
        {
            s.AppendLine("**Saga store alone** (the conductor's own store classes, `TrackedContainer` documents as a running container has them):")
                .AppendLine()
                .AppendLine("| store | operation | concurrency | operations | ops/s | p50 ms | p99 ms |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in report.SagaStore)
            {
                s.AppendLine(r.Skipped is not null
                    ? $"| {r.Store} | skipped: {r.Skipped} | | | | | |"
                    : string.Create(c, $"| {r.Store} | {r.Operation} | {r.Concurrency} | {r.Count} | {r.OperationsPerSecond:0} | {r.P50Ms:0.000} | {r.P99Ms:0.000} |"));
            }

            s.AppendLine();
        }

        if (report.DockerPath is { } d)
        {
            s.AppendLine(c, $"**Docker path**: {d.Containers} containers (`{d.Image}`, `sleep 300`) created and started {d.Concurrency} at a time, {d.Rounds} rounds each way, alternating.")
                .AppendLine()
                .AppendLine("| path | containers/s | p50 ms | p95 ms | failed |")
                .AppendLine("|---|---:|---:|---:|---:|")
                .AppendLine(c, $"| Docker.DotNet: create + start | {d.DirectPerSecond:0.00} | {d.DirectP50Ms:0} | {d.DirectP95Ms:0} | {d.DirectFailed} |")
                .AppendLine(c, $"| Zun: CreateContainer with run, to OperationCompleted | {d.ZunPerSecond:0.00} | {d.ZunP50Ms:0} | {d.ZunP95Ms:0} | {d.ZunFailed} |")
                .AppendLine(c, $"| **Zun / Docker** | **{d.ThroughputRatio:0.000}** | **{d.AddedP50Ms:+0;-0;0}** | {d.AddedP95Ms:+0;-0;0} | |")
                .AppendLine()
                .AppendLine(c, $"Through Zun, the median operation took {d.ZunToDispatchedP50Ms:0} ms from publish to `OperationDispatched` (broker and conductor) and {d.ZunDispatchedToCompletedP50Ms:0} ms from there to `OperationCompleted` (worker, Docker, the outcome back through the conductor).")
                .AppendLine()
                .AppendLine(c, $"Where the time of a create goes, from Zun's own metrics over the measured rounds (means): {d.ZunMeanMs:0} ms from publish to `OperationCompleted`, of which {d.ConductorCreateMeanMs:0} ms from the conductor's acceptance to completion (`zun_operation_duration_seconds`) and {d.WorkerCreateMeanMs:0} ms in the worker's create and start with Docker (`zun_worker_action_duration_seconds`; {d.DirectMeanMs:0} ms for the same straight through Docker.DotNet): Zun's own share, messaging and conductor, {d.ZunMeanMs - d.WorkerCreateMeanMs:0} ms.")
                .AppendLine()
                .AppendLine(string.Join("; ", d.RoundSummaries) + ".")
                .AppendLine();
        }

        foreach (var note in report.Notes)
            s.AppendLine(c, $"- {note}");
        return s.ToString();
    }
}
