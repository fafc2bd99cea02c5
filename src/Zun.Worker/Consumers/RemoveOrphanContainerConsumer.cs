using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Removes a container the conductor has no live record of, if it is still this host's.</summary>
internal sealed partial class RemoveOrphanContainerConsumer(
    IContainerRuntime runtime,
    ContainerLocks locks,
    IOptions<WorkerOptions> options,
    ILogger<RemoveOrphanContainerConsumer> logger) : IConsumer<RemoveOrphanContainer>
{
    public async Task Consume(ConsumeContext<RemoveOrphanContainer> context)
    {
        var orphan = context.Message;
        using var exclusive = await locks.Acquire(orphan.ContainerId, context.CancellationToken);
        var container = await runtime.InspectAsync(orphan.ContainerId, context.CancellationToken);
        if (container is null || container.Labels.GetValueOrDefault(ContainerLabels.Host) != options.Value.Host)
            return;

        LogRemoving(logger, orphan.ContainerId, orphan.Reason);
        await runtime.RemoveAsync(orphan.ContainerId, force: true, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing orphaned container {ContainerId}: {Reason}")]
    private static partial void LogRemoving(ILogger logger, Guid containerId, string reason);
}
