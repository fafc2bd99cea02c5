using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Pulls an image onto this host and reports <see cref="ImagePulled"/> or <see cref="ImagePullFailed"/>.</summary>
internal sealed partial class PullImageOnHostConsumer(
    IContainerRuntime runtime,
    EngineOutage engine,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<PullImageOnHostConsumer> logger) : IConsumer<PullImageOnHost>
{
    public async Task Consume(ConsumeContext<PullImageOnHost> context)
    {
        var pull = context.Message;
        try
        {
            await engine.RideOutAsync(ct => runtime.PullImageAsync(pull.Image, ct), pull.Deadline, context.CancellationToken);
            LogPulled(logger, pull.Image, pull.OperationId);
            await context.Publish(new ImagePulled
            {
                OperationId = pull.OperationId,
                Image = pull.Image,
                Host = options.Value.Host,
                Timestamp = clock.GetUtcNow(),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException && !WorkerRetryPolicy.ShouldRetry(context, e))
        {
            var reason = $"image '{pull.Image}' could not be pulled on host {options.Value.Host}: {e.Message}";
            LogFailed(logger, pull.Image, pull.OperationId, e.Message);
            await context.Publish(new ImagePullFailed
            {
                OperationId = pull.OperationId,
                Image = pull.Image,
                Host = options.Value.Host,
                Reason = reason,
                Timestamp = clock.GetUtcNow(),
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Image} for operation {OperationId}")]
    private static partial void LogPulled(ILogger logger, string image, Guid operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull of {Image} for operation {OperationId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string image, Guid operationId, string reason);
}
