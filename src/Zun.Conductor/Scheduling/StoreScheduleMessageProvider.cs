using System.Text.Json;
using MassTransit;
using MassTransit.Scheduling;
using MassTransit.Serialization;

namespace Zun.Conductor.Scheduling;

/// <summary>
/// <c>ScheduleSend</c> and <c>CancelScheduledSend</c> in the conductor's own consumers and state machines, written
/// straight to the schedule store that <see cref="ScheduledMessageDispatcher"/> fires from, without a
/// <see cref="ScheduleMessage"/> through the broker and a consume to get it there (two per operation: the deadline,
/// and its cancellation). The endpoint's in-memory outbox treats it as it would treat a send: a schedule is written
/// during the consume and removed again if the consume faults, a cancellation waits until the saga is saved; a crash
/// in between leaves what a lost send would have left.
/// </summary>
internal sealed class StoreScheduleMessageProvider(IScheduleStore store, ScheduleSignal signal, CancellationToken consumeCancellation) :
    IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var tokenId = NewId.NextGuid();
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc));
        var payload = JsonSerializer.Serialize(message, SystemTextJsonMessageSerializer.Options);
        await store.Add(new ScheduledMessageRecord(tokenId, destinationAddress, MessageUrn.ForTypeString<T>(), payload, dueAt),
            Either(cancellationToken));
        signal.Notify(dueAt);
        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => store.Cancel(tokenId, Either(cancellationToken));

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        store.Cancel(tokenId, Either(cancellationToken));

    private CancellationToken Either(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken : consumeCancellation;
}
