using System.Diagnostics;

namespace Zun.Testing;

/// <summary>A program run to its end, such as a deployment script or the CLI: its exit code and what it printed.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Runs the program with its output captured; kills it, and throws, when it has not exited within the timeout.</summary>
    public static async Task<ProgramRun> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not exit within {timeout.TotalSeconds:0} s");
        }

        return new ProgramRun(process.ExitCode, await output, await errors);
    }
}
