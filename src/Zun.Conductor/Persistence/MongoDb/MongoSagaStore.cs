using System.Linq.Expressions;
using System.Text.Json;
using MassTransit;
using MongoDB.Bson;
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

    /// <summary>The same collection untyped, for what works on ids and single elements rather than instances.</summary>
    private readonly IMongoCollection<BsonDocument> _documents;
    private readonly SagaFieldMap<TSaga> _fields;

    public MongoSagaStore(MongoSagaDatabase database, SagaFieldMap<TSaga> fields)
    {
        MongoSagaClassMaps.Register<TSaga>();
        var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TSaga).Name);
        _collection = database.Database.GetCollection<TSaga>(name);
        _documents = database.Database.GetCollection<BsonDocument>(name);
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
        if (EndTimeDate is { } endTime)
            indexes.Add(new CreateIndexModel<TSaga>(Builders<TSaga>.IndexKeys.Ascending(endTime)));
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

    public async Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken)
    {
        var endTime = EndTimeDate ?? throw SagaFieldMap<TSaga>.MissingEndTime();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // DeleteMany has no limit, and one unbounded delete after a long time without purging would hold the
        // collection's write capacity: the ids of one batch first, then the batch.
        var ended = Builders<BsonDocument>.Filter.Lt(endTime, endedBefore.UtcDateTime);
        var batch = await _documents.Find(ended)
            .Sort(Builders<BsonDocument>.Sort.Ascending(endTime))
            .Limit(limit)
            .Project(Builders<BsonDocument>.Projection.Include("_id"))
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
            return 0;

        var ids = batch.Select(document => document["_id"]);
        var result = await _documents.DeleteManyAsync(Builders<BsonDocument>.Filter.In("_id", ids) & ended, cancellationToken);
        return (int)result.DeletedCount;
    }

    /// <summary>The BSON date inside the end time's document, which sorts by time.</summary>
    private string? EndTimeDate =>
        _fields.EndTime is { } endTime ? $"{MongoSagaClassMaps.ElementNameOf<TSaga>(endTime)}.{MongoSagaClassMaps.TimeDateElement}" : null;

    private static FilterDefinition<TSaga> Guard(Guid correlationId, int version) =>
        Filter.Eq(x => x.CorrelationId, correlationId) & Filter.Eq(x => x.Version, version);
}
