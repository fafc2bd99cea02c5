using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The work a consume sends to a host, held until the container's record is saved and then sent at once, ahead of the
/// events the outbox sends after it: the host starts while the events are on their way. Clients still see the events
/// first: the outbox sends within the container's partition, so the outcome of the work is applied only after them.
/// </summary>
internal sealed class HostWork
{
    private readonly List<Func<ConsumeContext, Task>> _sends = [];

    /// <summary>Sends <paramref name="message"/> to the host endpoint once saved; through the outbox where there is no <see cref="HostWork"/>.</summary>
    public static async Task Send<T>(ConsumeContext context, Uri hostAddress, T message)
        where T : class
    {
        if (context.TryGetPayload<HostWork>(out var work))
        {
            work._sends.Add(async direct => await (await direct.GetSendEndpoint(hostAddress)).Send(message, direct.CancellationToken));
            return;
        }

        await (await context.GetSendEndpoint(hostAddress)).Send(message, context.CancellationToken);
    }

    /// <summary>Sends the held work past the outbox; called once the record is saved.</summary>
    public async Task SendAll(ConsumeContext context)
    {
        var direct = context.TryGetPayload<InMemoryOutboxConsumeContext>(out var outbox) ? outbox.CapturedContext : context;
        foreach (var send in _sends)
            await send(direct);
    }
}

/// <summary>
/// Gives each attempt of a consume its <see cref="HostWork"/>; once the saga repository has saved, marks the delivery
/// saved (<see cref="SavedDelivery"/>) and sends the work. Sits inside the outbox, which then sends the events.
/// </summary>
internal sealed class HostWorkFirstFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        // Replaced, not reused: payloads outlive a failed attempt, whose work was never sent.
        var work = new HostWork();
        context.AddOrUpdatePayload(() => work, _ => work);
        await next.Send(context);
        SavedDelivery.Mark(context);
        await work.SendAll(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("hostWorkFirst");
}
