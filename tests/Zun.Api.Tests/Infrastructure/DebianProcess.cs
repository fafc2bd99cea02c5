using System.Diagnostics;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>
/// Debian's own programs (openstack, python3), run as an operator runs them: a clean environment
/// (<c>env -i PATH=/usr/bin:/bin HOME=/root</c>), so nothing of the test's .NET or Python setup leaks in.
/// </summary>
public static class DebianProcess
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-i", "PATH=/usr/bin:/bin", "HOME=/root", program, .. arguments])
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {(timeout ?? TimeSpan.FromSeconds(120)).TotalSeconds:0} s");
        }

        return new ProcessResult(process.ExitCode, await output, await errors);
    }
}
