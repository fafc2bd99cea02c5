namespace Zun.Worker.Runtime;

/// <summary>The size of the filesystem a directory is on, as <c>df</c> would report it.</summary>
internal static class DiskSize
{
    private const long BytesPerGb = 1024L * 1024 * 1024;

    /// <summary>
    /// GiB of the filesystem holding <paramref name="directory"/>; 0 when this machine has no such directory, as when
    /// the engine runs elsewhere (a TCP endpoint), since the worker would otherwise report its own disk as the host's.
    /// </summary>
    public static long TotalGb(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            return 0;
        try
        {
            return new DriveInfo(directory).TotalSize / BytesPerGb;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }
}
