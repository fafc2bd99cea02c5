using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// Remembers, across the endpoint's retries of one delivery, that an attempt got as far as saving its changes: the
/// outbox sends nothing until the save, so the first thing it sends marks the delivery. A retry of a marked delivery
/// failed while sending what the saved changes produced, and must produce it again; a retry of an unmarked one never
/// saved, and finding its operation known means another conductor applied a copy of it, which published its own events.
/// </summary>
internal sealed class SavedDelivery
{
    /// <summary>Queues the mark as the consume's first send; runs in the endpoint's pipe, inside the outbox.</summary>
    public static void MarkOnceSaved(ConsumeContext context)
    {
        if (context.TryGetPayload<OutboxContext>(out var outbox))
        {
            _ = outbox.Add(() =>
            {
                context.ReceiveContext.GetOrAddPayload(() => new SavedDelivery());
                return Task.CompletedTask;
            });
        }
    }

    public static bool WasSaved(ConsumeContext context) => context.ReceiveContext.TryGetPayload<SavedDelivery>(out _);
}
