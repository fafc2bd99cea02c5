using MassTransit;
using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Conductor.Volumes;

/// <summary>Volume requests, each for whom it acts for: another project's volume is not found.</summary>
internal sealed class VolumeRequestConsumer(ZunVolumes volumes, ISagaReader<TrackedContainer> containers) :
    IConsumer<CreateVolume>, IConsumer<DeleteVolume>, IConsumer<GetVolume>, IConsumer<ListVolumes>
{
    public async Task Consume(ConsumeContext<CreateVolume> context)
    {
        var (volume, refusal) = await volumes.CreateAsync(context.Message, context.CancellationToken);
        if (volume is not null)
        {
            LogContext.Info?.Log("Volume {VolumeId} ({Name}) is on host {Host}", volume.VolumeId, volume.Name, volume.Host);
            await context.RespondAsync(volume);
        }
        else
        {
            LogContext.Info?.Log("Refused to create volume {VolumeId}: {Reason}", context.Message.VolumeId, refusal);
            await context.RespondAsync(new RequestRejected { Reason = refusal! });
        }
    }

    public async Task Consume(ConsumeContext<DeleteVolume> context)
    {
        var (volume, _) = await volumes.FindAsync(context.Message.Volume, context.Message, context.CancellationToken);
        if (volume is null)
        {
            await context.RespondAsync(new VolumeNotFound { Volume = context.Message.Volume });
            return;
        }

        var names = await ContainerNamesAsync(volume.AttachedTo, context.CancellationToken);
        if (await volumes.DeleteAsync(volume, id => names.GetValueOrDefault(id, id.ToString("D")), context.CancellationToken) is { } refusal)
            await context.RespondAsync(new RequestRejected { Reason = refusal });
        else
            await context.RespondAsync(volume.ToInfo(VolumeStatus.Deleted));
    }

    public async Task Consume(ConsumeContext<GetVolume> context)
    {
        var (volume, refusal) = await volumes.FindAsync(context.Message.Volume, context.Message, context.CancellationToken);
        if (volume is not null)
            await context.RespondAsync(volume.ToInfo());
        else if (refusal == ZunVolumes.NotFound(context.Message.Volume.Trim()))
            await context.RespondAsync(new VolumeNotFound { Volume = context.Message.Volume });
        else
            await context.RespondAsync(new RequestRejected { Reason = refusal! });
    }

    public async Task Consume(ConsumeContext<ListVolumes> context) =>
        await context.RespondAsync(new VolumeList { Volumes = [.. (await volumes.ListAsync(context.Message, context.CancellationToken)).Select(v => v.ToInfo())] });

    /// <summary>The containers' names as the refusal quotes them: <c>name (id)</c>, or the id of one without a name.</summary>
    private async Task<Dictionary<Guid, string>> ContainerNamesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var wanted = ids.ToArray();
        var found = await containers.FindAsync(c => wanted.Contains(c.CorrelationId), cancellationToken);
        return found.ToDictionary(c => c.CorrelationId, c => c.Spec.Name is { } name ? $"{name} ({c.CorrelationId:D})" : c.CorrelationId.ToString("D"));
    }
}
