using MassTransit;

namespace Zun.Conductor.StateMachines;

/// <summary>How often this delivery found its container unknown, across the endpoint's retries.</summary>
internal sealed class UnknownContainerAttempts
{
    private int _count;

    /// <summary>Counts this attempt; the number of earlier ones.</summary>
    public static int CountFor(ConsumeContext context) =>
        Interlocked.Increment(ref context.ReceiveContext.GetOrAddPayload(() => new UnknownContainerAttempts())._count) - 1;
}
