using System.Runtime.InteropServices;
using Zun.Contracts.Hosts;

namespace Zun.Worker.Runtime;

/// <summary>
/// This machine described as Docker's <c>/info</c> would describe it, read from the kernel and <c>/etc/os-release</c>
/// as the engine reads them: for a runtime with no engine behind it, so that its host still looks like the machine it
/// runs on.
/// </summary>
internal static class MachinePlatform
{
    public static HostPlatform Read() => new()
    {
        Architecture = FirstLine("/proc/sys/kernel/arch") ?? UnameMachine(RuntimeInformation.OSArchitecture),
        OperatingSystem = PrettyName() ?? RuntimeInformation.OSDescription,
        OsType = OperatingSystem.IsWindows() ? "windows" : "linux",
        KernelVersion = FirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
        Labels = [],
        Runtimes = ["runc"],
        DiskTotalGb = DiskSize.TotalGb(Path.GetPathRoot(AppContext.BaseDirectory)),
    };

    /// <summary><c>uname -m</c>'s names for the architectures .NET knows, for kernels without <c>/proc/sys/kernel/arch</c>.</summary>
    private static string UnameMachine(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "i686",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    /// <summary>The <c>PRETTY_NAME</c> of <c>/etc/os-release</c>, which is what the engine reports as its operating system.</summary>
    private static string? PrettyName()
    {
        const string key = "PRETTY_NAME=";
        if (!File.Exists("/etc/os-release"))
            return null;
        var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[key.Length..].Trim('"', '\'');
    }

    private static string? FirstLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
