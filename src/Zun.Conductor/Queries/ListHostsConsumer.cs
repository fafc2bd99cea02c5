using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>Answers <see cref="ListHosts"/> from the workers' heartbeats, as placement knows them.</summary>
internal sealed class ListHostsConsumer(IWorkerDirectory workers) : IConsumer<ListHosts>
{
    public Task Consume(ConsumeContext<ListHosts> context)
    {
        var request = context.Message;
        var hosts = (request.IncludeDown ? workers.Workers() : workers.LiveWorkers())
            .Where(w => request.Host is null || w.Host == request.Host)
            .Select(w => new WorkerHost
            {
                Host = w.Host,
                Endpoint = w.Endpoint,
                Cpus = w.Latest.Cpus,
                MemoryMb = w.Latest.MemoryMb,
                RunningContainers = w.Latest.RunningContainers,
                TotalContainers = w.Latest.TotalContainers,
                LastSeen = w.LastSeen,
                Up = w.IsUp,
                StartedAt = w.Latest.StartedAt,
                Heartbeats = w.Heartbeats,
                Platform = w.Latest.Platform,
            });
        return context.RespondAsync(new HostList { Hosts = [.. hosts] });
    }
}
