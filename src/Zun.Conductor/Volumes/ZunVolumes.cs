using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Placement;
using Zun.Conductor.StateMachines;
using Zun.Conductor.Tenancy;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Hosting;

namespace Zun.Conductor.Volumes;

/// <summary>
/// Zun's volumes in the saga store: found by id or name within the caller's project, made and removed on their hosts
/// through the hosts' workers, and mounted by containers. Each volume's record is written in its turn
/// (<see cref="DocumentTurns{TRecord}"/>), so a mount and a delete of one volume never both succeed.
/// </summary>
internal sealed class ZunVolumes(
    ISagaDocumentStore<VolumeRecord> store, ContainerScheduler scheduler, IWorkerDirectory workers, IClientFactory clients, IOptions<VolumeOptions> options, TimeProvider clock) :
    IDisposable
{
    private readonly DocumentTurns<VolumeRecord> _turns = new(store, written: _ => { }, deleted: _ => { });

    private RequestTimeout HostTimeout => RequestTimeout.After(s: options.Value.HostTimeoutSeconds);

    /// <summary>The volume <paramref name="reference"/> names (an id, else a name) among those <paramref name="caller"/> sees; or why none.</summary>
    public async Task<(VolumeRecord? Volume, string? Refusal)> FindAsync(string reference, ICallerScope caller, CancellationToken cancellationToken)
    {
        var trimmed = reference.Trim();
        if (Guid.TryParse(trimmed, out var id))
        {
            return await store.LoadAsync(id, cancellationToken) is { } byId && caller.Sees(byId.ProjectId)
                ? (byId, null)
                : (null, NotFound(trimmed));
        }

        var project = caller.ProjectId;
        var named = caller.AllProjects
            ? await store.QueryAsync(v => v.Name == trimmed, cancellationToken)
            : await store.QueryAsync(v => v.Name == trimmed && v.ProjectId == project, cancellationToken);
        return named.Count switch
        {
            0 => (null, NotFound(trimmed)),
            1 => (named[0], null),
            _ => (null, $"{named.Count} volumes are named {Quoted.Value(trimmed)} (in projects {string.Join(", ", named.Select(v => v.ProjectId ?? "(none)"))}): name one by its id"),
        };
    }

    public static string NotFound(string reference) => $"volume {Quoted.Value(reference)} not found";

    public async Task<IReadOnlyList<VolumeRecord>> ListAsync(ListVolumes request, CancellationToken cancellationToken)
    {
        var (project, host) = (request.ProjectId, request.Host);
        var found = request.AllProjects
            ? await store.QueryAsync(v => true, cancellationToken)
            : await store.QueryAsync(v => v.ProjectId == project, cancellationToken);
        return [.. found.Where(v => host is null || v.Host == host).OrderBy(v => v.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(v => v.CorrelationId)];
    }

    /// <summary>
    /// Records the volume, has its host make the Docker volume and answers it once made; a resend of a create gets the
    /// volume its first made. Any refusal leaves nothing recorded.
    /// </summary>
    public async Task<(VolumeInfo? Volume, string? Refusal)> CreateAsync(CreateVolume request, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(request.VolumeId, cancellationToken) is { } existing)
        {
            return existing.ProjectId == request.ProjectId && existing.Name == request.Name.Trim()
                ? existing.Status == VolumeStatus.Creating ? (null, $"volume {existing.Describe()} is still being created") : (existing.ToInfo(), null)
                : (null, $"volume id {request.VolumeId} is taken");
        }

        if (CreateRefusal(request) is { } invalid)
            return (null, invalid);
        var name = request.Name.Trim();
        if ((await FindAsync(name, request with { AllProjects = false }, cancellationToken)).Volume is not null)
            return (null, $"a volume named {Quoted.Value(name)} exists already in project {request.ProjectId ?? "(none)"}");

        var (worker, zone, noHost) = await scheduler.VolumeHostAsync(request.Host, request.AvailabilityZone, cancellationToken);
        if (worker is null)
            return (null, noHost);

        var record = new VolumeRecord
        {
            CorrelationId = request.VolumeId,
            Name = name,
            SizeGb = request.SizeGb,
            Host = worker.Host,
            AvailabilityZone = zone,
            Status = VolumeStatus.Creating,
            ProjectId = request.ProjectId,
            UserId = request.UserId,
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await store.InsertAsync(record, cancellationToken);
        }
        catch (SagaAlreadyExistsException)
        {
            return (null, $"volume id {request.VolumeId} is taken");
        }

        var made = await AskHost<CreateVolumeOnHost>(worker, new CreateVolumeOnHost
        {
            VolumeId = record.CorrelationId,
            Host = worker.Host,
            DockerVolume = record.DockerVolume,
            SizeGb = record.SizeGb,
        }, cancellationToken);
        if (made is not null)
        {
            await _turns.DeleteAsync(record.CorrelationId, _ => null, cancellationToken);
            return (null, $"host {worker.Host} could not make the volume: {made}");
        }

        var info = await _turns.ChangeAsync(record.CorrelationId, () => record, r =>
        {
            r.MakeAvailable();
            return r.ToInfo();
        }, cancellationToken);
        return (info, null);
    }

    /// <summary>Removes the volume from its host and then its record, unless containers mount it; null when it is gone.</summary>
    public async Task<string?> DeleteAsync(VolumeRecord volume, Func<Guid, string> containerName, CancellationToken cancellationToken)
    {
        var id = volume.CorrelationId;
        if (await _turns.ChangeAsync(id, () => volume, r => r.BeginDelete(containerName), cancellationToken) is { } refusal)
            return refusal;

        var worker = workers.LiveWorkers().FirstOrDefault(w => w.Host == volume.Host);
        var failure = worker is null
            ? $"its host {volume.Host} is not up, so its Docker volume cannot be removed now"
            : await AskHost(worker, RemoveRequest(volume, "deleted through Zun"), cancellationToken);
        if (failure is not null)
        {
            await _turns.ChangeAsync(id, () => volume, r =>
            {
                r.AbandonDelete();
                return true;
            }, cancellationToken);
            return $"volume {volume.Describe()} was not deleted: {failure}";
        }

        return await _turns.DeleteAsync(id, _ => null, cancellationToken);
    }

    /// <summary>
    /// Resolves a new container's mounts and mounts its volumes in it: the named ones (which must be visible to its project,
    /// available, and on one host, the one it asks for if it asks), and the ones made for it (recorded now, made on its
    /// host by its worker). Null host when no volume ties it to one. A refusal mounts nothing and records nothing.
    /// </summary>
    public async Task<MountResolution> AttachAsync(CreateContainer create, CancellationToken cancellationToken)
    {
        var mounts = create.Mounts ?? [];
        var specs = new List<VolumeMountSpec>();
        var attached = new List<VolumeRecord>();
        string? host = null;
        VolumeRecord? first = null;
        for (var i = 0; i < mounts.Length; i++)
        {
            var mount = mounts[i];
            var destination = MountRules.Normalized(mount.Destination);
            if (MountRules.TypeOf(mount) == MountRules.BindType)
            {
                specs.Add(new VolumeMountSpec { Type = MountRules.BindType, Destination = destination, ReadOnly = mount.ReadOnly, Content = mount.Source });
                continue;
            }

            var (volume, refusal) = string.IsNullOrWhiteSpace(mount.Source)
                ? (OwnVolume(create, i, mount.SizeGb!.Value), null)
                : await FindAsync(mount.Source, create, cancellationToken);
            if (volume is not null && !volume.AutoRemove)
            {
                refusal = create.Host is { } asked && !string.IsNullOrWhiteSpace(asked) && volume.Host != asked.Trim()
                    ? $"volume {volume.Describe()} is on host {volume.Host}, not on host {asked.Trim()} the container asks for"
                    : host is not null && volume.Host != host
                        ? $"volume {volume.Describe()} is on host {volume.Host} and volume {first!.Describe()} on host {host}: a container's volumes must be on one host"
                        : null;
                (host, first) = (volume.Host, first ?? volume);
            }

            refusal ??= volume is null ? null : await _turns.ChangeAsync(volume.CorrelationId, () => volume, r => r.Attach(create.ContainerId), cancellationToken);
            if (refusal is not null)
            {
                await DetachAsync(create.ContainerId, attached, cancellationToken);
                return new MountResolution([], null, $"mounts[{i}]: {refusal}");
            }

            attached.Add(volume!);
            specs.Add(new VolumeMountSpec
            {
                Type = MountRules.VolumeType,
                Destination = destination,
                ReadOnly = mount.ReadOnly,
                VolumeId = volume!.CorrelationId,
                VolumeName = volume.Name,
                DockerVolume = volume.DockerVolume,
                AutoRemove = volume.AutoRemove,
                SizeGb = volume.SizeGb,
            });
        }

        return new MountResolution([.. specs], host, null);
    }

    /// <summary>Undoes <see cref="AttachAsync"/> for a create refused after it: the container's own volumes go, the others are no longer mounted by it.</summary>
    public Task UndoAttachAsync(Guid containerId, IReadOnlyList<VolumeMountSpec> mounts, CancellationToken cancellationToken) =>
        ReleaseAsync(containerId, mounts, hostEndpoint: null, null, cancellationToken);

    /// <summary>
    /// A deleted container no longer mounts its volumes; its own volumes' records go, and their Docker volumes are removed
    /// by its host (sent on <paramref name="send"/>).
    /// </summary>
    public async Task ReleaseAsync(Guid containerId, IReadOnlyList<VolumeMountSpec> mounts, string? hostEndpoint, ISendEndpointProvider? send, CancellationToken cancellationToken)
    {
        foreach (var mount in mounts.Where(m => m.VolumeId is not null))
        {
            var id = mount.VolumeId!.Value;
            if (!mount.AutoRemove)
            {
                await _turns.ChangeAsync(id, () => new VolumeRecord { CorrelationId = id }, r =>
                {
                    r.Detach(containerId);
                    return true;
                }, cancellationToken);
                continue;
            }

            var own = await store.LoadAsync(id, cancellationToken);
            await _turns.DeleteAsync(id, _ => null, cancellationToken);
            if (own?.Host is { } host && hostEndpoint is not null && send is not null)
                await (await send.GetSendEndpoint(new Uri($"exchange:{hostEndpoint}"))).Send(RemoveRequest(own, $"container {containerId} was deleted"), cancellationToken);
        }
    }

    /// <summary>The container's own volumes are on the host it was placed on.</summary>
    public async Task PlaceAsync(IReadOnlyList<VolumeMountSpec> mounts, string host, CancellationToken cancellationToken)
    {
        var zone = scheduler.ZoneOf(host);
        foreach (var mount in mounts.Where(m => m is { AutoRemove: true, VolumeId: not null }))
        {
            await _turns.ChangeAsync(mount.VolumeId!.Value, () => new VolumeRecord { CorrelationId = mount.VolumeId!.Value }, r =>
            {
                r.PlaceOn(host, zone);
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>Which of <paramref name="ids"/> Zun has no record of on <paramref name="host"/>.</summary>
    public async Task<IReadOnlyList<Guid>> UnknownOnHostAsync(string host, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var unknown = new List<Guid>();
        foreach (var id in ids)
        {
            // A container's own volume is recorded before its host is known.
            if (await store.LoadAsync(id, cancellationToken) is not { } record || (record.Host is not null && record.Host != host))
                unknown.Add(id);
        }

        return unknown;
    }

    public void Dispose() => _turns.Dispose();

    private string? CreateRefusal(CreateVolume request) =>
        request.VolumeId == Guid.Empty ? "volumeId must be a non-empty UUID"
        : string.IsNullOrWhiteSpace(request.Name) ? "name must not be empty"
        : Guid.TryParse(request.Name.Trim(), out _) ? $"name {Quoted.Value(request.Name)} is a UUID, which would be taken for a volume's id"
        : Validation.CommandValidator.Name(request.Name.Trim()) is { } badName ? badName
        : request.SizeGb < 1 || request.SizeGb > options.Value.MaxSizeGb ? $"size must be from 1 to {options.Value.MaxSizeGb} GiB ({VolumeOptions.Section}:MaxSizeGb), got {request.SizeGb}"
        : Validation.CommandValidator.AvailabilityZone(request.AvailabilityZone);

    private VolumeRecord OwnVolume(CreateContainer create, int index, int sizeGb) => new()
    {
        CorrelationId = VolumeRecord.OwnVolumeIdOf(create.ContainerId, index),
        SizeGb = sizeGb,
        Status = VolumeStatus.Available,
        AutoRemove = true,
        ProjectId = create.ProjectId,
        UserId = create.UserId,
        CreatedAt = clock.GetUtcNow(),
    };

    private async Task DetachAsync(Guid containerId, List<VolumeRecord> attached, CancellationToken cancellationToken) =>
        await UndoAttachAsync(containerId, [.. attached.Select(v => new VolumeMountSpec { VolumeId = v.CorrelationId, AutoRemove = v.AutoRemove })], cancellationToken);

    private static RemoveVolumeFromHost RemoveRequest(VolumeRecord volume, string reason) =>
        new() { VolumeId = volume.CorrelationId, Host = volume.Host!, DockerVolume = volume.DockerVolume, Reason = reason };

    /// <summary>Null when the host did it; otherwise why not.</summary>
    private async Task<string?> AskHost<T>(KnownWorker worker, T request, CancellationToken cancellationToken)
        where T : class
    {
        var client = clients.CreateRequestClient<T>(new Uri($"exchange:{worker.Endpoint}"), HostTimeout);
        try
        {
            var response = await client.GetResponse<VolumeOnHost>(request, cancellationToken);
            return response.Message.Refusal;
        }
        catch (RequestTimeoutException)
        {
            return $"no answer from its worker within {options.Value.HostTimeoutSeconds} s ({VolumeOptions.Section}:HostTimeoutSeconds)";
        }
    }
}
