using System.Diagnostics;

namespace Zun.Cli.Tests.Infrastructure;

/// <summary>Runs the built <c>zun</c> as a person would: <c>dotnet zun.dll args</c>, the broker named by <c>Zun__RabbitMq__Url</c>.</summary>
public static class ZunCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static async Task<CliResult> RunAsync(string rabbitUrl, params string[] args)
    {
        using var process = Start(rabbitUrl, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"zun {string.Join(' ', args)} did not exit within {DefaultTimeout.TotalSeconds} s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>zun</c> and leaves it running, for commands that follow a stream.</summary>
    public static RunningCli StartFollowing(string rabbitUrl, params string[] args) => new(Start(rabbitUrl, args));

    internal static Process Start(string rabbitUrl, string[] args, string? fileName = null)
    {
        var info = new ProcessStartInfo(fileName ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (fileName is null)
            info.ArgumentList.Add(Repository.CliPath);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["Zun__RabbitMq__Url"] = rabbitUrl;
        info.Environment["Zun__Client__ProjectId"] = "cli-tests";
        info.Environment["Zun__Client__UserId"] = "cli-tester";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
