using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>Answers <see cref="ListHosts"/> from the workers' heartbeats, as placement knows them.</summary>
internal sealed class ListHostsConsumer(IWorkerDirectory workers) : IConsumer<ListHosts>
{
    public Task Consume(ConsumeContext<ListHosts> context)
    {
        var hosts = workers.LiveWorkers()
            .Where(w => context.Message.Host is null || w.Host == context.Message.Host)
            .Select(w => new WorkerHost
            {
                Host = w.Host,
                Endpoint = w.Endpoint,
                Cpus = w.Cpus,
                MemoryMb = w.MemoryMb,
                RunningContainers = w.RunningContainers,
                TotalContainers = w.TotalContainers,
                LastSeen = w.LastSeen,
            });
        return context.RespondAsync(new HostList { Hosts = [.. hosts] });
    }
}
