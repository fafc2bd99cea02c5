using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Zun.Testing;

/// <summary>Stops a process as a service manager does: SIGTERM, then SIGKILL of its whole tree once the grace time is over.</summary>
public static partial class GracefulStop
{
    private const int Sigterm = 15;

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
            return;

        _ = Kill(process.Id, Sigterm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
