using MassTransit;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// Remembers, across the endpoint's retries of one delivery, that an attempt got as far as saving its changes. A retry
/// of a marked delivery failed while sending what the saved changes produced, and must produce it again; a retry of an
/// unmarked one never saved, and finding its operation known means another conductor applied a copy of it, which
/// published its own events.
/// </summary>
internal sealed class SavedDelivery
{
    /// <summary>Marks the delivery; the receive context's payloads outlive the attempt.</summary>
    public static void Mark(ConsumeContext context) => context.ReceiveContext.GetOrAddPayload(() => new SavedDelivery());

    public static bool WasSaved(ConsumeContext context) => context.ReceiveContext.TryGetPayload<SavedDelivery>(out _);
}
