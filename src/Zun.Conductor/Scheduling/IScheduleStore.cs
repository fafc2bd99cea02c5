namespace Zun.Conductor.Scheduling;

/// <summary>
/// Durable schedules, kept in the conductor's store. Several conductor instances share one store:
/// a schedule is fired by the instance that claimed it, and a claim is a lease that expires, so a
/// schedule claimed by an instance that died is fired by another.
/// </summary>
public interface IScheduleStore
{
    /// <summary>Adds a schedule; adding the same token again (a redelivered request) changes nothing.</summary>
    Task Add(ScheduledMessageRecord schedule, CancellationToken cancellationToken);

    /// <summary>Removes a schedule that has not fired; a no-op when there is none.</summary>
    Task Cancel(Guid tokenId, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> schedules due at <paramref name="now"/> and not leased by another live owner.</summary>
    Task<IReadOnlyList<ScheduledMessageRecord>> ClaimDue(DateTimeOffset now, string owner, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a fired schedule, if <paramref name="owner"/> still holds its claim.</summary>
    Task Complete(Guid tokenId, string owner, CancellationToken cancellationToken);

    /// <summary>When the next schedule is due, or null when none is kept.</summary>
    Task<DateTimeOffset?> NextDueAt(CancellationToken cancellationToken);
}
