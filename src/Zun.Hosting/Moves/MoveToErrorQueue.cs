using MassTransit;
using MassTransit.Transports;

namespace Zun.Hosting.Moves;

/// <summary>MassTransit's move to <c>_error</c>, handed the message without its publisher's <c>user_id</c>.</summary>
internal sealed class MoveToErrorQueue : IFilter<ExceptionReceiveContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("moveFaultAsTransportUser");

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!context.TryGetPayload(out IErrorTransport? transport))
            throw new TransportException(context.InputAddress, $"The {nameof(IErrorTransport)} was not available on the receive context.");

        await transport.Send(new MovedFaultedMessage(context)).ConfigureAwait(false);
        await next.Send(context).ConfigureAwait(false);
    }
}
