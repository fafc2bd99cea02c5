using MassTransit;
using MassTransit.Context;
using MassTransit.Logging;
using MassTransit.Saga;

namespace Zun.Conductor.Persistence;

/// <summary>
/// The repository's side of one message: MassTransit loads, adds, saves, updates and deletes the instance
/// through it. A conflicting write throws a <see cref="ConcurrencyException"/> and the endpoint's retry
/// processes the message again against fresh state.
/// </summary>
internal sealed class DocumentSagaRepositoryContext<TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly ISagaDocumentStore<TSaga> _store;
    private readonly ConsumeContext<TMessage> _context;
    private readonly ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> _factory;

    public DocumentSagaRepositoryContext(
        ISagaDocumentStore<TSaga> store,
        ConsumeContext<TMessage> context,
        ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> factory)
        : base(context)
    {
        _store = store;
        _context = context;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Add);

    /// <summary>Stores a new instance before the event runs (state machines with InsertOnInitial).</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        try
        {
            await _store.InsertAsync(instance, CancellationToken);
            _context.LogInsert<TSaga, TMessage>(instance.CorrelationId);
            return await _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Insert);
        }
        catch (SagaAlreadyExistsException ex)
        {
            // Returning nothing makes MassTransit load the instance that won the race and apply the event to it.
            _context.LogInsertFault<TSaga, TMessage>(ex, instance.CorrelationId);
            return null!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _store.LoadAsync(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>
    /// Stores an instance the event created. Losing an insert race throws <see cref="SagaAlreadyExistsException"/>,
    /// a concurrency exception: the retry then finds the winner's instance and applies this message to it.
    /// </summary>
    public Task Save(SagaConsumeContext<TSaga> context) => _store.InsertAsync(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => _store.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => _store.DeleteAsync(context.Saga, CancellationToken);

    // Nothing was written for a discarded or read-only instance.
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_store, consumeContext, instance, mode);
}
