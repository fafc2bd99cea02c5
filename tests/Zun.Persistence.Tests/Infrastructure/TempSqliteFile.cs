using Microsoft.Data.Sqlite;

namespace Zun.Persistence.Tests.Infrastructure;

/// <summary>A SQLite file of one test under the temp directory, removed with its WAL and shared-memory files.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile(string? directory = null)
    {
        Directory = directory ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zun-persistence-tests");
        Path = System.IO.Path.Combine(Directory, $"{Guid.NewGuid():N}.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose()
    {
        // Pooled connections hold the file open; let them go before removing it.
        SqliteConnection.ClearAllPools();
        if (!System.IO.Directory.Exists(Directory))
            return;
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(Path + suffix);
    }
}
