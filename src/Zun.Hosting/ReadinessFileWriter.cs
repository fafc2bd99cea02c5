using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zun.Hosting;

/// <summary>
/// Writes the readiness file after every hosted service has started. MassTransit is configured to
/// wait until its endpoints are bound, so a ready process cannot drop a message published to it.
/// </summary>
internal sealed partial class ReadinessFileWriter(
    IHostApplicationLifetime lifetime,
    IOptions<ReadinessOptions> options,
    ILogger<ReadinessFileWriter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(WriteReadyFile);
        lifetime.ApplicationStopping.Register(DeleteReadyFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WriteReadyFile()
    {
        LogReady(logger);
        if (options.Value.File is not { Length: > 0 } path)
            return;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, $"{Environment.ProcessId}\n");
    }

    private void DeleteReadyFile()
    {
        if (options.Value.File is { Length: > 0 } path)
            File.Delete(path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: bus started and every endpoint bound")]
    private static partial void LogReady(ILogger logger);
}
