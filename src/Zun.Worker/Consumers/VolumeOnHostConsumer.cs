using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Makes and removes the Docker volumes of Zun volumes on this host. A request is answered with
/// <see cref="VolumeOnHost"/>, carrying the engine's refusal when there is one; a removal sent without a request (a
/// container's own volume, an orphan) only logs it.
/// </summary>
internal sealed partial class VolumeOnHostConsumer(
    IVolumeRuntime volumes, ContainerMounts mounts, IOptions<WorkerOptions> options, ILogger<VolumeOnHostConsumer> logger) :
    IConsumer<CreateVolumeOnHost>, IConsumer<RemoveVolumeFromHost>
{
    public async Task Consume(ConsumeContext<CreateVolumeOnHost> context)
    {
        var create = context.Message;
        var refusal = await Refusal(create.Host, () =>
            volumes.CreateAsync(create.DockerVolume, mounts.Labels(create.VolumeId, create.SizeGb, containerId: null), context.CancellationToken));
        await Answer(context, new VolumeOnHost { VolumeId = create.VolumeId, Host = options.Value.Host, Exists = refusal is null, Refusal = refusal });
    }

    public async Task Consume(ConsumeContext<RemoveVolumeFromHost> context)
    {
        var remove = context.Message;
        LogRemoving(logger, remove.DockerVolume, remove.Reason);
        var refusal = await Refusal(remove.Host, () => volumes.RemoveAsync(remove.DockerVolume, context.CancellationToken));
        if (refusal is not null)
            LogNotRemoved(logger, remove.DockerVolume, refusal);
        await Answer(context, new VolumeOnHost { VolumeId = remove.VolumeId, Host = options.Value.Host, Exists = refusal is not null, Refusal = refusal });
    }

    private static async Task Answer<T>(ConsumeContext<T> context, VolumeOnHost answer)
        where T : class
    {
        if (context.ResponseAddress is not null)
            await context.RespondAsync(answer);
    }

    /// <summary>Null when done; the engine's refusal otherwise. An engine that cannot be reached is retried, as all work is.</summary>
    private async Task<string?> Refusal(string host, Func<Task> call)
    {
        if (host != options.Value.Host)
            return $"sent to worker {options.Value.Host}, not to host {host}";
        try
        {
            await call();
            return null;
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing volume {DockerVolume}: {Reason}")]
    private static partial void LogRemoving(ILogger logger, string dockerVolume, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {DockerVolume} was not removed: {Refusal}")]
    private static partial void LogNotRemoved(ILogger logger, string dockerVolume, string refusal);
}
