using System.Globalization;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>
/// The second conductor process of <see cref="SqliteSharedFileTests"/>: this test executable started again with
/// <c>--sqlite-contender FILE CONTAINER-ID COUNT</c>, queuing COUNT operations on one container in the file.
/// </summary>
internal static class SqliteContender
{
    public const string Verb = "--sqlite-contender";
    public const string ReadyLine = "ready";
    public const string GoLine = "go";

    public static async Task<int> Run(string[] args)
    {
        if (args is not [var path, var id, var count])
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} FILE CONTAINER-ID COUNT");
            return 2;
        }

        using var handle = new SqliteStoreHandle(path);
        var containerId = Guid.Parse(id);
        var stale = await handle.Store.LoadAsync(containerId, CancellationToken.None)
            ?? throw new InvalidOperationException($"container {containerId} is not in {path}");

        // The parent writes once between this line and its go, so the first write here is against a version
        // another process has replaced: it must conflict, be retried, and land.
        Console.WriteLine(ReadyLine);
        if (Console.ReadLine() != GoLine)
            return 3;

        var stop = Sagas.QueuedStop();
        var conflicts = await RetryingWriter.Apply(handle.Store, stale, c => c.QueuedOperations.Add(stop), CancellationToken.None);
        conflicts += await QueueStops(handle, containerId, int.Parse(count, CultureInfo.InvariantCulture) - 1, CancellationToken.None);
        Console.WriteLine(conflicts.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Queues <paramref name="count"/> stops on the container, one write each; returns the conflicts met.</summary>
    public static async Task<int> QueueStops(SqliteStoreHandle handle, Guid containerId, int count, CancellationToken cancellationToken)
    {
        var conflicts = 0;
        for (var i = 0; i < count; i++)
        {
            var loaded = await handle.Store.LoadAsync(containerId, cancellationToken)
                ?? throw new InvalidOperationException($"container {containerId} is not in {handle.Path}");

            // Widen the window between read and write, as a state machine's work does, so writers overlap.
            await Task.Delay(1, cancellationToken);
            var stop = Sagas.QueuedStop();
            conflicts += await RetryingWriter.Apply(handle.Store, loaded, c => c.QueuedOperations.Add(stop), cancellationToken);
        }

        return conflicts;
    }
}
