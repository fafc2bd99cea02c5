using MassTransit;
using Zun.Conductor.Persistence;
using Zun.Conductor.Placement;
using Zun.Conductor.Queries;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Services;

/// <summary>
/// An operator's word about a host's service: enable, disable (placement passes it over, saying why), force down (its
/// containers are Unknown at once) or delete (only once no container lives there). The state is kept in the host's
/// record, so every conductor places by it.
/// </summary>
internal sealed class ServiceCommandConsumer(IHostRecords records, IWorkerDirectory workers, ISagaReader<TrackedContainer> containers, TimeProvider clock) :
    IConsumer<EnableService>, IConsumer<DisableService>, IConsumer<ForceDownService>, IConsumer<DeleteService>
{
    public Task Consume(ConsumeContext<EnableService> context) =>
        Change(context, r =>
        {
            r.Disabled = false;
            r.DisabledReason = null;
        });

    public Task Consume(ConsumeContext<DisableService> context) =>
        Change(context, r =>
        {
            r.Disabled = true;
            r.DisabledReason = string.IsNullOrWhiteSpace(context.Message.Reason) ? null : context.Message.Reason.Trim();
        });

    public async Task Consume(ConsumeContext<ForceDownService> context)
    {
        var command = context.Message;
        if (!await Change(context, r => r.ForcedDown = command.ForcedDown))
            return;

        // Its containers need not wait for the watcher's next look; once it is no longer forced, its inventory says what runs.
        if (command.ForcedDown)
            await context.Publish(new HostWentDown { Host = command.Host, LastSeen = workers.Workers().FirstOrDefault(w => w.Host == command.Host)?.LastSeen, Timestamp = clock.GetUtcNow() });
        else if (workers.LiveWorkers().FirstOrDefault(w => w.Host == command.Host) is { } worker)
            await (await context.GetSendEndpoint(new Uri($"exchange:{worker.Endpoint}"))).Send(new ReportInventory { Host = worker.Host, Reason = "no longer forced down" });
    }

    public async Task Consume(ConsumeContext<DeleteService> context)
    {
        var host = context.Message.Host;
        if (await Unknown(host, context.CancellationToken) is { } unknown)
        {
            await context.RespondAsync(new RequestRejected { Reason = unknown });
            return;
        }

        var living = await containers.FindAsync(ContainerFilter.LiveOnHost(host), context.CancellationToken);
        var refusal = living.Count > 0
            ? $"host {host} has {living.Count} containers that are not deleted; delete them first"
            : await records.DeleteAsync(host, context.CancellationToken);
        if (refusal is not null)
        {
            await context.RespondAsync(new RequestRejected { Reason = refusal });
            return;
        }

        workers.Forget(host);
        await context.RespondAsync(new ServiceState { Host = host, Deleted = true });
    }

    private async Task<bool> Change<T>(ConsumeContext<T> context, Action<HostRecord> change)
        where T : class, IServiceCommand
    {
        var host = context.Message.Host;
        if (await Unknown(host, context.CancellationToken) is { } unknown)
        {
            await context.RespondAsync(new RequestRejected { Reason = unknown });
            return false;
        }

        var record = await records.ChangeServiceAsync(host, change, context.CancellationToken);
        await context.RespondAsync(new ServiceState { Host = host, Disabled = record.Disabled, DisabledReason = record.DisabledReason, ForcedDown = record.ForcedDown });
        return true;
    }

    /// <summary>Why <paramref name="host"/> is no service Zun knows: no worker of that name heard, and no record of it.</summary>
    private async Task<string?> Unknown(string host, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(host) ? "host must name a worker host"
        : workers.Workers().Any(w => w.Host == host) || (await records.SnapshotAsync(cancellationToken)).ContainsKey(host) ? null
        : $"service zun-compute on host {host} not found";
}
