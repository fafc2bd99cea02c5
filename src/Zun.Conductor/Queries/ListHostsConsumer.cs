using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>
/// Answers <see cref="ListHosts"/> from the workers' heartbeats and the hosts' records, as placement knows them; with
/// <see cref="ListHosts.IncludeDown"/>, also the hosts known only by their records (not heard since this conductor started).
/// </summary>
internal sealed class ListHostsConsumer(IWorkerDirectory workers, IHostRecords records, IOptions<PlacementOptions> placement) : IConsumer<ListHosts>
{
    public async Task Consume(ConsumeContext<ListHosts> context)
    {
        var request = context.Message;
        var held = await records.SnapshotAsync(context.CancellationToken);
        var hosts = (request.IncludeDown ? workers.Workers() : workers.LiveWorkers())
            .Where(w => request.Host is null || w.Host == request.Host)
            .Select(w => (Worker: w, Record: held.GetValueOrDefault(w.Host) ?? HostRecord.For(w.Host)))
            .Where(h => request.IncludeDown || !h.Record.ForcedDown)
            .Select(h => (h.Worker, h.Record, Usage: h.Record.Usage, Capacity: ClaimableResources.Of(h.Worker, placement.Value)))
            .Select(h => new WorkerHost
            {
                Host = h.Worker.Host,
                Endpoint = h.Worker.Endpoint,
                Cpus = h.Worker.Latest.Cpus,
                MemoryMb = h.Worker.Latest.MemoryMb,
                RunningContainers = h.Worker.Latest.RunningContainers,
                TotalContainers = h.Worker.Latest.TotalContainers,
                LastSeen = h.Worker.LastSeen,
                Up = h.Worker.IsUp && !h.Record.ForcedDown,
                StartedAt = h.Worker.Latest.StartedAt,
                Heartbeats = h.Worker.Heartbeats,
                Platform = h.Worker.Latest.Platform,
                AvailabilityZone = string.IsNullOrWhiteSpace(h.Worker.Latest.AvailabilityZone) ? placement.Value.DefaultAvailabilityZone : h.Worker.Latest.AvailabilityZone,
                Labels = h.Worker.Latest.Labels,
                CpuUsed = h.Usage.Cpu,
                MemoryUsedMb = h.Usage.MemoryMb,
                CpuClaimable = h.Capacity.Cpu,
                MemoryClaimableMb = h.Capacity.MemoryMb,
                Disabled = h.Record.Disabled,
                DisabledReason = h.Record.DisabledReason,
                ForcedDown = h.Record.ForcedDown,
            });
        // The directory is in memory: a host silent since before this conductor started is known only by its record.
        var unheard = request.IncludeDown
            ? held.Values
                .Where(r => (request.Host is null || r.Host == request.Host) && workers.Workers().All(w => w.Host != r.Host))
                .OrderBy(r => r.Host, StringComparer.Ordinal)
                .Select(r => new WorkerHost
                {
                    Host = r.Host,
                    Up = false,
                    AvailabilityZone = placement.Value.DefaultAvailabilityZone,
                    CpuUsed = r.Usage.Cpu,
                    MemoryUsedMb = r.Usage.MemoryMb,
                    Disabled = r.Disabled,
                    DisabledReason = r.DisabledReason,
                    ForcedDown = r.ForcedDown,
                })
            : [];
        await context.RespondAsync(new HostList { Hosts = [.. hosts, .. unheard] });
    }
}
