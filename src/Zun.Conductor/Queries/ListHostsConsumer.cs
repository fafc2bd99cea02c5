using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>Answers <see cref="ListHosts"/> from the workers' heartbeats and the hosts' records, as placement knows them.</summary>
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
            .Select(h => (h.Worker, h.Record, Usage: h.Record.Usage))
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
                Disabled = h.Record.Disabled,
                DisabledReason = h.Record.DisabledReason,
                ForcedDown = h.Record.ForcedDown,
            });
        await context.RespondAsync(new HostList { Hosts = [.. hosts] });
    }
}
