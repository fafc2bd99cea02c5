using MassTransit;
using MassTransit.Transports;

namespace Zun.Hosting.Moves;

/// <summary>MassTransit's move to <c>_skipped</c>, handed the message without its publisher's <c>user_id</c>.</summary>
internal sealed class MoveToDeadLetterQueue : IFilter<ReceiveContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("deadLetterAsTransportUser");

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (!context.TryGetPayload(out IDeadLetterTransport? transport))
            throw new TransportException(context.InputAddress, $"The {nameof(IDeadLetterTransport)} was not available on the receive context.");

        await transport.Send(new MovedMessage(context), "dead-letter").ConfigureAwait(false);
        await next.Send(context).ConfigureAwait(false);
    }
}
