namespace Zun.Conductor.Scheduling.InMemory;

/// <summary>
/// Schedules in process memory, for the InMemory store provider (tests): like that provider's sagas,
/// nothing survives the process.
/// </summary>
internal sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (ScheduledMessageRecord Schedule, string? Owner, DateTimeOffset? LeaseUntil)> _schedules = [];

    public Task Add(ScheduledMessageRecord schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
            _schedules.TryAdd(schedule.TokenId, (schedule, null, null));
        return Task.CompletedTask;
    }

    public Task Cancel(Guid tokenId, CancellationToken cancellationToken)
    {
        lock (_gate)
            _schedules.Remove(tokenId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduledMessageRecord>> ClaimDue(
        DateTimeOffset now, string owner, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _schedules.Values
                .Where(s => s.Schedule.DueAt <= now && (s.LeaseUntil is null || s.LeaseUntil < now))
                .OrderBy(s => s.Schedule.DueAt)
                .Take(limit)
                .Select(s => s.Schedule)
                .ToList();
            foreach (var schedule in due)
                _schedules[schedule.TokenId] = (schedule, owner, now + lease);
            return Task.FromResult<IReadOnlyList<ScheduledMessageRecord>>(due);
        }
    }

    public Task Complete(Guid tokenId, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_schedules.TryGetValue(tokenId, out var entry) && entry.Owner == owner)
                _schedules.Remove(tokenId);
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> NextDueAt(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_schedules.Count == 0 ? (DateTimeOffset?)null : _schedules.Values.Min(s => s.Schedule.DueAt));
    }
}
