using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Zun.Conductor.Persistence;

/// <summary>Loads and finds instances outside of a message: the repository's Load and Find.</summary>
internal sealed class DocumentSagaLookupContext<TSaga>(ISagaDocumentStore<TSaga> store, CancellationToken cancellationToken) :
    BasePipeContext(cancellationToken),
    LoadSagaRepositoryContext<TSaga>,
    QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId) => (await store.LoadAsync(correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var instances = await store.QueryAsync(query.FilterExpression, cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, instances.Select(x => x.CorrelationId).ToList());
    }
}
