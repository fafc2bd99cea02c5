namespace Zun.Conductor.Options;

/// <summary><c>Zun:Store:Sqlite</c>: the embedded store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; a relative path is taken from the current working directory. Its directory is created if missing.</summary>
    public string Path { get; set; } = "zun-conductor.db";

    /// <summary>How long a write waits for another connection or process holding the file's write lock (1 to 600).</summary>
    public int BusyTimeoutSeconds { get; set; } = 10;

    internal string FullPath => System.IO.Path.GetFullPath(Path);
}
