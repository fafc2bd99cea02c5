using System.Linq.Expressions;
using System.Text.Json;
using MassTransit;
using MongoDB.Driver;

namespace Zun.Conductor.Persistence.MongoDb;

/// <summary>
/// Saga instances of one type in one collection, <c>_id</c> the correlation id. Writes are single-document
/// operations filtered on <c>_id</c> and the version read, which MongoDB applies atomically.
/// </summary>
internal sealed class MongoSagaStore<TSaga> : ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    private readonly IMongoCollection<TSaga> _collection;
    private readonly SagaFieldMap<TSaga> _fields;

    public MongoSagaStore(MongoSagaDatabase database, SagaFieldMap<TSaga> fields)
    {
        MongoSagaClassMaps.Register<TSaga>();
        _collection = database.Database.GetCollection<TSaga>(JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TSaga).Name));
        _fields = fields;
    }

    private static FilterDefinitionBuilder<TSaga> Filter => Builders<TSaga>.Filter;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Creating an index that exists is a no-op, so every conductor may do it at start.
        var indexes = _fields.Fields
            .Where(f => f.Name != nameof(ISaga.CorrelationId))
            .Select(f => new CreateIndexModel<TSaga>(Builders<TSaga>.IndexKeys.Ascending(f.Name)))
            .ToList();
        if (indexes.Count > 0)
            await _collection.Indexes.CreateManyAsync(indexes, cancellationToken);
    }

    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken) =>
        await _collection.Find(Filter.Eq(x => x.CorrelationId, correlationId)).FirstOrDefaultAsync(cancellationToken);

    public async Task InsertAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var previous = instance.Version;
        instance.Version = 1;
        try
        {
            await _collection.InsertOneAsync(instance, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            instance.Version = previous;
            throw new SagaAlreadyExistsException(typeof(TSaga), instance.CorrelationId, ex);
        }
        catch
        {
            instance.Version = previous;
            throw;
        }
    }

    public async Task UpdateAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var read = instance.Version;
        instance.Version = read + 1;
        try
        {
            var result = await _collection.ReplaceOneAsync(Guard(instance.CorrelationId, read), instance, cancellationToken: cancellationToken);
            if (result.MatchedCount == 0)
                throw new SagaVersionConflictException(typeof(TSaga), instance.CorrelationId, read);
        }
        catch
        {
            instance.Version = read;
            throw;
        }
    }

    public async Task DeleteAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var result = await _collection.DeleteOneAsync(Guard(instance.CorrelationId, instance.Version), cancellationToken);
        if (result.DeletedCount == 0)
            throw new SagaVersionConflictException(typeof(TSaga), instance.CorrelationId, instance.Version);
    }

    public async Task<IReadOnlyList<TSaga>> QueryAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken) =>
        await _collection.Find(filter).ToListAsync(cancellationToken);

    private static FilterDefinition<TSaga> Guard(Guid correlationId, int version) =>
        Filter.Eq(x => x.CorrelationId, correlationId) & Filter.Eq(x => x.Version, version);
}
