using Spectre.Console;

namespace Zun.Bench.Output;

/// <summary>The results as tables on the console.</summary>
internal static class ConsoleReport
{
    public static void Write(BenchReport report)
    {
        var m = report.Machine;
        AnsiConsole.Write(new Rule("[bold]Zun bench[/]"));
        AnsiConsole.MarkupLine(Markup.Escape($"{m.Cores} cores, {m.MemoryGiB:0} GiB, {m.Os} ({m.Kernel}), .NET {m.DotNet}, RabbitMQ {m.RabbitMq}, Docker {m.Docker}; load average at start {m.LoadAverageAtStart}"));

        foreach (var run in report.ControlPlane)
        {
            if (run.Skipped is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"Control plane on {run.Store}: skipped ({run.Skipped})"));
                continue;
            }

            var table = new Table().Title(Markup.Escape($"Control plane on {run.Store} (Null runtime): create with run, publish to OperationCompleted"));
            foreach (var column in new[] { "load", "ops/s", "p50 ms", "p95 ms", "p99 ms", "failed", "unfinished", "conductor CPU %", "worker CPU %", "broker CPU %", "conductor RSS MiB", "worker RSS MiB", "machine busy %", "load avg" })
                table.AddColumn(new TableColumn(column).RightAligned());
            table.AddRow("idle", "", "", "", "", "", "", "", "", "", $"{run.ConductorIdleRssMiB}", $"{run.WorkerIdleRssMiB}", "", "");
            foreach (var level in run.OpenLoop.Concat(run.ClosedLoop is { } c ? [c] : []))
                table.AddRow(Row(level));
            AnsiConsole.Write(table);
        }

        if (report.SagaStore.Count > 0)
        {
            var table = new Table().Title("Saga store alone");
            foreach (var column in new[] { "store", "operation", "concurrency", "count", "ops/s", "p50 ms", "p99 ms" })
                table.AddColumn(column);
            foreach (var r in report.SagaStore)
            {
                table.AddRow(r.Skipped is not null
                    ? [r.Store, Markup.Escape($"skipped: {r.Skipped}"), "", "", "", "", ""]
                    : [r.Store, Markup.Escape(r.Operation), $"{r.Concurrency}", $"{r.Count}", $"{r.OperationsPerSecond:0}", $"{r.P50Ms:0.000}", $"{r.P99Ms:0.000}"]);
            }

            AnsiConsole.Write(table);
        }

        if (report.DockerPath is { } d)
        {
            var table = new Table().Title(Markup.Escape($"Docker path: {d.Containers} containers x {d.Rounds} rounds, concurrency {d.Concurrency}, {d.Image}"));
            foreach (var column in new[] { "path", "containers/s", "p50 ms", "p95 ms", "failed" })
                table.AddColumn(column);
            table.AddRow("Docker.DotNet (create + start)", $"{d.DirectPerSecond:0.00}", $"{d.DirectP50Ms:0}", $"{d.DirectP95Ms:0}", $"{d.DirectFailed}");
            table.AddRow("Zun (create with run)", $"{d.ZunPerSecond:0.00}", $"{d.ZunP50Ms:0}", $"{d.ZunP95Ms:0}", $"{d.ZunFailed}");
            table.AddRow("[bold]Zun / Docker[/]", $"[bold]{d.ThroughputRatio:0.000}[/]", $"{d.AddedP50Ms:+0;-0;0}", $"{d.AddedP95Ms:+0;-0;0}", "");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Through Zun, median: {d.ZunToDispatchedP50Ms:0} ms publish to OperationDispatched, {d.ZunDispatchedToCompletedP50Ms:0} ms from there to OperationCompleted");
            AnsiConsole.MarkupLine($"Through Zun, mean: {d.ZunMeanMs:0} ms publish to OperationCompleted, {d.ConductorCreateMeanMs:0} ms of it from the conductor's acceptance, {d.WorkerCreateMeanMs:0} ms in the worker's create and start (Docker; {d.DirectMeanMs:0} ms straight through Docker.DotNet): Zun's own share {d.ZunMeanMs - d.WorkerCreateMeanMs:0} ms");
        }
    }

    private static string[] Row(LoadResult r) =>
    [
        r.OfferedPerSecond is { } offered ? $"{offered:0}/s offered" : $"closed x{r.Concurrency}",
        r.Saturated ? $"[yellow]{r.ThroughputPerSecond:0.0}[/]" : $"{r.ThroughputPerSecond:0.0}",
        $"{r.P50Ms:0.0}", $"{r.P95Ms:0.0}", $"{r.P99Ms:0.0}", $"{r.Failed}", $"{r.Unfinished}",
        $"{r.Resources.ConductorCpuPercent:0}", $"{r.Resources.WorkerCpuPercent:0}", $"{r.Resources.BrokerCpuPercent:0}",
        $"{r.Resources.ConductorRssMiBMax:0}", $"{r.Resources.WorkerRssMiBMax:0}", $"{r.Resources.MachineBusyPercent:0}", $"{r.Resources.LoadAverage1:0.0}",
    ];
}
