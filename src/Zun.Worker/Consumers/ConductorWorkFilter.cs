using MassTransit;
using Zun.Hosting.Publishers;

namespace Zun.Worker.Consumers;

/// <summary>
/// Lets work through to the host only from an identified <c>service</c> publisher (the conductor always sets its
/// user_id, which RabbitMQ validates). Anything else on the worker's queue (a client that writes to it, a publisher that
/// leaves user_id out to pass for a service) is dropped without effect, counted and logged.
/// </summary>
internal sealed class ConductorWorkFilter(PublisherPolicy policy, UntrustedMessages untrusted) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var publisher = policy.Of(context.ReceiveContext);
        if (publisher.IsIdentifiedService)
            return next.Send(context);

        var message = context.SupportedMessageTypes.FirstOrDefault() is { } urn ? urn[(urn.LastIndexOf(':') + 1)..] : "(unknown)";
        return untrusted.Drop(context, publisher, message, $"{publisher.Name} is not an identified service's: a worker takes work only from the conductor");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("conductorWork");
}
