using MassTransit;

namespace Zun.Conductor.Ordering;

/// <summary>A delivery's turn through <see cref="DeliveryOrderGate"/>, ended once it holds its place in a partition.</summary>
internal sealed class DeliveryTurn(DeliverySequence sequence, ulong deliveryTag)
{
    private int _ended;

    /// <summary>Ends the turn of the delivery that brought <paramref name="context"/>, if it has one.</summary>
    public static void EndFor(ConsumeContext context)
    {
        if (context.ReceiveContext.TryGetPayload<DeliveryTurn>(out var turn))
            turn.End();
    }

    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
            sequence.End(deliveryTag);
    }
}
