using System.Collections.Concurrent;
using System.Linq.Expressions;
using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Persistence.Tests.Harness;

/// <summary>
/// Makes inserts of the same instance from two conductors meet: each insert waits for the other before it goes to
/// the store, so one of the two always loses. Counts the losers.
/// </summary>
public sealed class InsertRace
{
    private readonly ConcurrentDictionary<Guid, CountdownEvent> _arrivals = new();
    private int _lost;

    public int Lost => Volatile.Read(ref _lost);

    public ISagaDocumentStore<TSaga> Around<TSaga>(ISagaDocumentStore<TSaga> store)
        where TSaga : class, ISagaVersion =>
        new RacingStore<TSaga>(store, this);

    private async Task Meet(Guid id)
    {
        var arrivals = _arrivals.GetOrAdd(id, _ => new CountdownEvent(2));
        arrivals.Signal();
        await Task.Run(() => arrivals.Wait(TimeSpan.FromSeconds(5)));
    }

    private sealed class RacingStore<TSaga>(ISagaDocumentStore<TSaga> store, InsertRace race) : ISagaDocumentStore<TSaga>
        where TSaga : class, ISagaVersion
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

        public Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken) => store.LoadAsync(correlationId, cancellationToken);

        public async Task InsertAsync(TSaga instance, CancellationToken cancellationToken)
        {
            await race.Meet(instance.CorrelationId);
            try
            {
                await store.InsertAsync(instance, cancellationToken);
            }
            catch (SagaAlreadyExistsException)
            {
                Interlocked.Increment(ref race._lost);
                throw;
            }
        }

        public Task UpdateAsync(TSaga instance, CancellationToken cancellationToken) => store.UpdateAsync(instance, cancellationToken);

        public Task DeleteAsync(TSaga instance, CancellationToken cancellationToken) => store.DeleteAsync(instance, cancellationToken);

        public Task<IReadOnlyList<TSaga>> QueryAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken) =>
            store.QueryAsync(filter, cancellationToken);

        public Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken) =>
            store.DeleteEndedBeforeAsync(endedBefore, limit, cancellationToken);
    }
}
