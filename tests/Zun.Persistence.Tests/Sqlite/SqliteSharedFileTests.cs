using System.Diagnostics;
using System.Globalization;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>Two conductors on one SQLite file: every version-guarded write of both survives.</summary>
public sealed class SqliteSharedFileTests : IDisposable
{
    private const int WritesEach = 25;

    private readonly TempSqliteFile _file = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_stores_on_one_file_updating_one_instance_concurrently_lose_no_update()
    {
        using var first = new SqliteStoreHandle(_file.Path);
        using var second = new SqliteStoreHandle(_file.Path);
        var container = Sagas.Container();
        await first.Store.InsertAsync(container, Ct);

        var conflicts = await Task.WhenAll(
            Task.Run(() => SqliteContender.QueueStops(first, container.CorrelationId, WritesEach, Ct), Ct),
            Task.Run(() => SqliteContender.QueueStops(second, container.CorrelationId, WritesEach, Ct), Ct));

        var stored = (await second.Store.LoadAsync(container.CorrelationId, Ct))!;
        Assert.Equal(2 * WritesEach, stored.QueuedOperations.Select(o => o.OperationId).Distinct().Count());
        Assert.Equal(1 + (2 * WritesEach), stored.Version);
        TestContext.Current.SendDiagnosticMessage($"conflicting writes retried: {conflicts.Sum()}");
    }

    [Fact]
    public async Task Two_processes_on_one_file_updating_one_instance_concurrently_lose_no_update()
    {
        using var local = new SqliteStoreHandle(_file.Path);
        var container = Sagas.Container();
        await local.Store.InsertAsync(container, Ct);

        using var other = StartContender(container.CorrelationId);
        int localConflicts;
        string output, errors;
        try
        {
            var ready = await other.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
            if (ready != SqliteContender.ReadyLine)
                Assert.Fail($"the second process did not start: {ready} {await other.StandardError.ReadToEndAsync(Ct)}");

            // The other process has read version 1; this write makes what it read stale before it writes.
            localConflicts = await SqliteContender.QueueStops(local, container.CorrelationId, 1, Ct);
            await other.StandardInput.WriteLineAsync(SqliteContender.GoLine.AsMemory(), Ct);
            await other.StandardInput.FlushAsync(Ct);
            localConflicts += await SqliteContender.QueueStops(local, container.CorrelationId, WritesEach - 1, Ct);
            output = await other.StandardOutput.ReadToEndAsync(Ct);
            errors = await other.StandardError.ReadToEndAsync(Ct);
            await other.WaitForExitAsync(Ct);
        }
        finally
        {
            // A failed test must not leave the other process waiting for its go.
            if (!other.HasExited)
                other.Kill();
        }

        Assert.True(other.ExitCode == 0, $"the second process failed ({other.ExitCode}): {output} {errors}");
        var otherConflicts = int.Parse(output.Trim(), CultureInfo.InvariantCulture);
        Assert.True(otherConflicts >= 1, "the second process's stale first write was not rejected");
        var stored = (await local.Store.LoadAsync(container.CorrelationId, Ct))!;
        Assert.Equal(2 * WritesEach, stored.QueuedOperations.Select(o => o.OperationId).Distinct().Count());
        Assert.Equal(1 + (2 * WritesEach), stored.Version);
        TestContext.Current.SendDiagnosticMessage($"conflicting writes retried: here {localConflicts}, other process {otherConflicts}");
    }

    public void Dispose() => _file.Dispose();

    private Process StartContender(Guid containerId)
    {
        var assembly = typeof(SqliteContender).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", assembly, SqliteContender.Verb, _file.Path, containerId.ToString(), WritesEach.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("the second process did not start");
    }
}
