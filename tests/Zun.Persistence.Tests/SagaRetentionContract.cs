using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Persistence.Tests;

/// <summary>How every saga document store deletes instances that ended before a time, run against each one.</summary>
public abstract class SagaRetentionContract
{
    private static readonly DateTimeOffset Cutoff = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty, initialized store for these fields; skips the test when the store's server is not available.</summary>
    private protected abstract Task<ISagaDocumentStore<TSaga>> CreateStoreAsync<TSaga>(SagaFieldMap<TSaga> fields)
        where TSaga : class, MassTransit.ISagaVersion;

    private Task<ISagaDocumentStore<TrackedOperation>> CreateOperationStoreAsync() => CreateStoreAsync(ConductorSagaFields.Operations);

    /// <summary>Containers have no end time.</summary>
    private Task<ISagaDocumentStore<TrackedContainer>> CreateContainerStoreAsync() => CreateStoreAsync(ConductorSagaFields.Containers);

    [Fact]
    public async Task Only_instances_that_ended_before_the_time_are_deleted()
    {
        var store = await CreateOperationStoreAsync();
        var endedLongAgo = await Insert(store, Cutoff.AddDays(-30));
        var endedJustBefore = await Insert(store, Cutoff.AddMilliseconds(-5));
        var endedAtTheTime = await Insert(store, Cutoff);
        var endedAfter = await Insert(store, Cutoff.AddMinutes(1));
        var running = await Insert(store, finishedAt: null);

        var deleted = await store.DeleteEndedBeforeAsync(Cutoff, limit: 100, Ct);

        Assert.Equal(2, deleted);
        Assert.Null(await store.LoadAsync(endedLongAgo.CorrelationId, Ct));
        Assert.Null(await store.LoadAsync(endedJustBefore.CorrelationId, Ct));
        Assert.NotNull(await store.LoadAsync(endedAtTheTime.CorrelationId, Ct));
        Assert.NotNull(await store.LoadAsync(endedAfter.CorrelationId, Ct));
        Assert.NotNull(await store.LoadAsync(running.CorrelationId, Ct));
    }

    [Fact]
    public async Task End_times_compare_as_instants_whatever_their_offset()
    {
        var store = await CreateOperationStoreAsync();

        // 13:30+03:00 is 10:30 UTC, before the cutoff, though its clock reading is later; 11:00-02:00 is 13:00 UTC.
        var earlierWithAheadOffset = await Insert(store, new DateTimeOffset(2026, 3, 1, 13, 30, 0, TimeSpan.FromHours(3)));
        var laterWithBehindOffset = await Insert(store, new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.FromHours(-2)));

        var deleted = await store.DeleteEndedBeforeAsync(Cutoff, limit: 100, Ct);

        Assert.Equal(1, deleted);
        Assert.Null(await store.LoadAsync(earlierWithAheadOffset.CorrelationId, Ct));
        Assert.NotNull(await store.LoadAsync(laterWithBehindOffset.CorrelationId, Ct));
    }

    [Fact]
    public async Task A_limited_delete_takes_the_oldest_first()
    {
        var store = await CreateOperationStoreAsync();
        var oldest = await Insert(store, Cutoff.AddHours(-3));
        var newest = await Insert(store, Cutoff.AddHours(-1));
        var middle = await Insert(store, Cutoff.AddHours(-2));

        var first = await store.DeleteEndedBeforeAsync(Cutoff, limit: 2, Ct);

        Assert.Equal(2, first);
        Assert.Null(await store.LoadAsync(oldest.CorrelationId, Ct));
        Assert.Null(await store.LoadAsync(middle.CorrelationId, Ct));
        Assert.NotNull(await store.LoadAsync(newest.CorrelationId, Ct));
        Assert.Equal(1, await store.DeleteEndedBeforeAsync(Cutoff, limit: 2, Ct));
        Assert.Equal(0, await store.DeleteEndedBeforeAsync(Cutoff, limit: 2, Ct));
    }

    [Fact]
    public async Task A_saga_type_without_an_end_time_cannot_be_purged()
    {
        var store = await CreateContainerStoreAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.DeleteEndedBeforeAsync(Cutoff, 100, Ct));

        Assert.Contains(nameof(TrackedContainer), error.Message, StringComparison.Ordinal);
    }

    private static async Task<TrackedOperation> Insert(ISagaDocumentStore<TrackedOperation> store, DateTimeOffset? finishedAt)
    {
        var operation = new TrackedOperation
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = (finishedAt is null ? OperationState.Dispatched : OperationState.Completed).ToString(),
            ContainerId = Guid.NewGuid(),
            Action = ContainerAction.Create,
            AcceptedAt = (finishedAt ?? Cutoff).AddSeconds(-2),
            FinishedAt = finishedAt,
        };
        await store.InsertAsync(operation, Ct);
        return operation;
    }
}
