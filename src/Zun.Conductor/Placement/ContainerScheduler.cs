using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement.Filters;

namespace Zun.Conductor.Placement;

/// <summary>
/// Chooses a host for a new container and takes its claim there: every known host goes through the filters, those left
/// are ranked by the weigher, and the first whose stored ledger still has room gets the claim. When none is left, the
/// reason names each host and what removed it.
/// </summary>
internal sealed class ContainerScheduler(IWorkerDirectory workers, IHostRecords records, IOptions<PlacementOptions> options, IOptions<ConductorOptions> conductor, TimeProvider clock)
{
    private readonly ComputeFilter _compute = new(conductor.Value.WorkerLivenessSeconds);
    private readonly AvailabilityZoneFilter _zones = new(options.Value.DefaultAvailabilityZone);

    private IHostFilter[] Filters =>
    [
        _compute,
        _zones,
        new RuntimeFilter(),
        new LabelFilter(),
        new VolumeFilter(),
        new ResourceFilter(options.Value),
    ];

    /// <summary>What a container with <paramref name="cpu"/> and <paramref name="memoryMb"/> asked (null for none) claims.</summary>
    public (double Cpu, int MemoryMb) ClaimFor(double? cpu, int? memoryMb) => (cpu ?? options.Value.DefaultCpu, memoryMb ?? options.Value.DefaultMemoryMb);

    /// <summary>The zone a create asking for <paramref name="zone"/> must run in; null when any will do.</summary>
    public string? ZoneFor(string? zone) =>
        !string.IsNullOrWhiteSpace(zone) ? zone.Trim() : options.Value.ScheduleInDefaultZone ? options.Value.DefaultAvailabilityZone : null;

    /// <summary>What <paramref name="container"/> needs of a host, its claim sized by the scheduler's defaults where it asked for nothing.</summary>
    public PlacementRequest RequestFor(StateMachines.TrackedContainer container)
    {
        var (cpu, memoryMb) = ClaimFor(container.Spec.Cpu, container.Spec.MemoryMb);
        return new PlacementRequest
        {
            ContainerId = container.CorrelationId,
            RequestedHost = container.RequestedHost,
            AvailabilityZone = ZoneFor(container.AvailabilityZone),
            Runtime = container.Spec.Runtime,
            Labels = PlacementRequest.LabelsFrom(container.Hints),
            VolumeHost = container.VolumeHost,
            VolumeNames = [.. (container.Spec.Mounts ?? []).Where(m => m is { AutoRemove: false, VolumeId: not null }).Select(m => m.VolumeName ?? m.VolumeId!.Value.ToString("D"))],
            CpuLimit = container.Spec.Cpu,
            Cpu = cpu,
            MemoryMb = memoryMb,
        };
    }

    /// <summary>What the container <paramref name="create"/> would make needs of a host (a batch job's attempt, before it is created).</summary>
    public PlacementRequest RequestFor(Contracts.CreateContainer create)
    {
        var (cpu, memoryMb) = ClaimFor(create.Cpu, create.MemoryMb);
        return new PlacementRequest
        {
            ContainerId = create.ContainerId,
            RequestedHost = string.IsNullOrWhiteSpace(create.Host) ? null : create.Host.Trim(),
            AvailabilityZone = ZoneFor(create.AvailabilityZone),
            Runtime = create.Runtime,
            Labels = PlacementRequest.LabelsFrom(create.Hints),
            CpuLimit = create.Cpu,
            Cpu = cpu,
            MemoryMb = memoryMb,
        };
    }

    /// <summary>The claim the container that made <paramref name="request"/> holds once placed on <paramref name="host"/>.</summary>
    public static ContainerClaim ClaimOf(PlacementRequest request, string host) => new() { Host = host, Cpu = request.Cpu, MemoryMb = request.MemoryMb };

    public async Task<PlacementDecision> PlaceAsync(PlacementRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hosts = await records.SnapshotAsync(cancellationToken);
        var known = workers.Workers();
        if (request.RequestedHost is { } pinned)
        {
            known = known.Where(w => w.Host == pinned).ToList();
            if (known.Count == 0)
                return PlacementDecision.Wait($"no worker named {pinned} has sent this conductor a heartbeat");
        }
        else if (known.Count == 0)
        {
            return PlacementDecision.Wait("no worker has sent this conductor a heartbeat");
        }

        // A claim already held is this create's own, taken before a conductor died or a save was retried: it stays there.
        if (known.FirstOrDefault(w => w.IsPlaceable && hosts.GetValueOrDefault(w.Host)?.Holds(request.ContainerId) == true) is { } holder)
            return PlacementDecision.On(holder);

        var refused = new List<(string Host, HostRefusal Refusal)>();
        var candidates = new List<(KnownWorker Worker, HostUsage Usage)>();
        foreach (var worker in known)
        {
            var record = hosts.GetValueOrDefault(worker.Host) ?? HostRecord.For(worker.Host);
            if (Filters.Select(f => f.Check(worker, request, record, now)).FirstOrDefault(r => r is not null) is { } refusal)
                refused.Add((worker.Host, refusal));
            else
                candidates.Add((worker, record.Usage));
        }

        foreach (var (worker, _) in Ranked(candidates))
        {
            var claim = new HostClaim { ContainerId = request.ContainerId, Cpu = request.Cpu, MemoryMb = request.MemoryMb, ClaimedAt = now };
            if (await records.TryClaimAsync(worker.Host, claim, ClaimableResources.Of(worker, options.Value), cancellationToken) is not { } shortOf)
                return PlacementDecision.On(worker);

            // Another conductor's claims filled it since the snapshot.
            refused.Add((worker.Host, new HostRefusal(shortOf)));
        }

        var reason = "no valid host: " + string.Join(", ", refused.OrderBy(r => r.Host, StringComparer.Ordinal).Select(r => $"{r.Host} ({r.Refusal.Reason})"));
        return refused.TrueForAll(r => r.Refusal.Transient) ? PlacementDecision.Wait(reason) : PlacementDecision.None(reason);
    }

    /// <summary>
    /// Whether a container asking for <paramref name="request"/> would find a host now, without claiming one: a host that
    /// passes every filter (<see cref="PlacementDecision.On"/>), only hosts that are full or away for now, so that the asker
    /// may wait (<see cref="PlacementDecision.Wait"/>), or none that ever could (<see cref="PlacementDecision.None"/>).
    /// </summary>
    public async Task<PlacementDecision> RoomForAsync(PlacementRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hosts = await records.SnapshotAsync(cancellationToken);
        var known = workers.Workers().Where(w => request.RequestedHost is null || w.Host == request.RequestedHost).ToList();
        if (known.Count == 0)
            return PlacementDecision.Wait(request.RequestedHost is { } pinned ? $"no worker named {pinned} has sent this conductor a heartbeat" : "no worker has sent this conductor a heartbeat");

        var refused = new List<(string Host, HostRefusal Refusal)>();
        foreach (var worker in known)
        {
            var record = hosts.GetValueOrDefault(worker.Host) ?? HostRecord.For(worker.Host);
            if (Filters.Select(f => f.Check(worker, request, record, now)).FirstOrDefault(r => r is not null) is not { } refusal)
                return PlacementDecision.On(worker);
            refused.Add((worker.Host, refusal));
        }

        var reason = "no host has room: " + string.Join(", ", refused.OrderBy(r => r.Host, StringComparer.Ordinal).Select(r => $"{r.Host} ({r.Refusal.Reason})"));
        return refused.Exists(r => r.Refusal.Transient || r.Refusal.Full) ? PlacementDecision.Wait(reason) : PlacementDecision.None(reason);
    }

    /// <summary>
    /// Gives the container's <paramref name="claim"/> a new size on its host if the host can hold it beside its other
    /// claims; null when it has it, otherwise why not.
    /// </summary>
    public async Task<string?> ResizeAsync(ContainerClaim claim, Guid containerId, double cpu, int memoryMb, CancellationToken cancellationToken)
    {
        if (workers.Workers().FirstOrDefault(w => w.Host == claim.Host) is not { } worker)
            return $"host {claim.Host} has not sent this conductor a heartbeat, so its room for the new size is not known";

        return await records.TryResizeAsync(claim.Host, containerId, cpu, memoryMb, ClaimableResources.Of(worker, options.Value), cancellationToken) is { } shortOf
            ? $"host {claim.Host} cannot hold the new size ({shortOf})"
            : null;
    }

    /// <summary>
    /// The host a new volume goes to: the one asked for, else the host (in the zone asked for, or the default one when the
    /// scheduler keeps to it) with the fewest containers, among those up and enabled; with its zone, or why there is none.
    /// </summary>
    public async Task<(KnownWorker? Worker, string? Zone, string? Refusal)> VolumeHostAsync(string? host, string? zone, CancellationToken cancellationToken)
    {
        var pinned = string.IsNullOrWhiteSpace(host) ? null : host.Trim();
        var request = new PlacementRequest { RequestedHost = pinned, AvailabilityZone = ZoneFor(zone) };
        var known = workers.Workers().Where(w => pinned is null || w.Host == pinned).ToList();
        if (known.Count == 0)
            return (null, null, pinned is null ? "no worker has sent this conductor a heartbeat" : $"no worker named {pinned} has sent this conductor a heartbeat");

        var held = await records.SnapshotAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var refused = new List<string>();
        foreach (var worker in known.OrderBy(w => w.Latest.TotalContainers).ThenBy(w => w.Host, StringComparer.Ordinal))
        {
            var record = held.GetValueOrDefault(worker.Host) ?? HostRecord.For(worker.Host);
            if ((_compute.Check(worker, request, record, now) ?? _zones.Check(worker, request, record, now)) is not { } refusal)
                return (worker, _zones.ZoneOf(worker), null);
            refused.Add($"{worker.Host} ({refusal.Reason})");
        }

        return (null, null, "no valid host for the volume: " + string.Join(", ", refused.Order(StringComparer.Ordinal)));
    }

    /// <summary>The zone of <paramref name="host"/> as its last heartbeat gives it; null for a host not heard from.</summary>
    public string? ZoneOf(string host) =>
        workers.Workers().FirstOrDefault(w => w.Host == host) is { } worker ? _zones.ZoneOf(worker) : null;

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken) =>
        records.ReleaseAsync(host, containerId, cancellationToken);

    private IEnumerable<(KnownWorker Worker, HostUsage Usage)> Ranked(List<(KnownWorker Worker, HostUsage Usage)> candidates)
    {
        var placement = options.Value;
        double FreeShare((KnownWorker Worker, HostUsage Usage) c)
        {
            var capacity = ClaimableResources.Of(c.Worker, placement);
            var cpu = capacity.Cpu <= 0 ? 0 : (capacity.Cpu - c.Usage.Cpu) / capacity.Cpu;
            var memory = capacity.MemoryMb <= 0 ? 0 : (double)(capacity.MemoryMb - c.Usage.MemoryMb) / capacity.MemoryMb;
            return (cpu + memory) / 2;
        }

        // Ties (a fleet with no claims yet) go to the host with fewer containers, then by name, so the choice is stable.
        var ordered = placement.Weigher == HostWeigher.Pack
            ? candidates.OrderBy(FreeShare)
            : candidates.OrderByDescending(FreeShare);
        return ordered.ThenBy(c => c.Worker.Latest.TotalContainers).ThenBy(c => c.Worker.Host, StringComparer.Ordinal);
    }
}

/// <summary>Where a new container goes: a host (its claim taken), a wait for one, or nowhere, each with its reason.</summary>
internal sealed record PlacementDecision(KnownWorker? Worker, string? Reason, bool CanWait)
{
    public static PlacementDecision On(KnownWorker worker) => new(worker, null, CanWait: false);

    public static PlacementDecision Wait(string reason) => new(null, reason, CanWait: true);

    public static PlacementDecision None(string reason) => new(null, reason, CanWait: false);
}
