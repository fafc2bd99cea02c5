using MassTransit;
using MassTransit.Saga;

namespace Zun.Conductor.Persistence;

/// <summary>
/// MassTransit's saga repository on an <see cref="ISagaDocumentStore{TSaga}"/>: correlation by id, by query, and
/// the load and query repositories (the test harness and request handlers use those). One per message scope.
/// </summary>
internal sealed class DocumentSagaRepositoryContextFactory<TSaga>(
    ISagaDocumentStore<TSaga> store,
    ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public void Probe(ProbeContext context) => context.Add("persistence", "zun-document-store");

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new DocumentSagaRepositoryContext<TSaga, T>(store, context, consumeContextFactory));

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var repositoryContext = new DocumentSagaRepositoryContext<TSaga, T>(store, context, consumeContextFactory);
        var instances = await store.QueryAsync(query.FilterExpression, context.CancellationToken);

        // The instances are handed over as loaded, with the versions their updates are guarded by.
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DocumentSagaLookupContext<TSaga>(store, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DocumentSagaLookupContext<TSaga>(store, cancellationToken));
}
