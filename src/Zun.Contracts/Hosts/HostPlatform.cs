namespace Zun.Contracts.Hosts;

/// <summary>
/// What a worker host is, as its container engine describes it (Docker's <c>/info</c>): the machine, its operating
/// system and kernel, the engine's labels and runtimes, and the disk the engine keeps its data on.
/// </summary>
public sealed record HostPlatform
{
    /// <summary>The machine's architecture as <c>uname -m</c> names it: <c>x86_64</c>, <c>aarch64</c>.</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The operating system's name, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public string OperatingSystem { get; init; } = "";

    /// <summary>The kind of operating system containers run on: <c>linux</c> or <c>windows</c>.</summary>
    public string OsType { get; init; } = "";

    /// <summary>The kernel's release, as <c>uname -r</c> prints it.</summary>
    public string KernelVersion { get; init; } = "";

    /// <summary>The engine's own labels (<c>dockerd --label key=value</c>): what an operator says the host offers.</summary>
    public Dictionary<string, string> Labels { get; init; } = [];

    /// <summary>The OCI runtimes the engine can run a container with (<c>runc</c>, ...).</summary>
    public string[] Runtimes { get; init; } = [];

    /// <summary>GiB of the filesystem that holds the engine's images and containers; 0 when the worker cannot see it.</summary>
    public long DiskTotalGb { get; init; }
}
