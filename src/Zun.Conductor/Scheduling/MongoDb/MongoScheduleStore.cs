using MongoDB.Bson;
using MongoDB.Driver;
using Zun.Conductor.Persistence.MongoDb;

namespace Zun.Conductor.Scheduling.MongoDb;

/// <summary>
/// Schedules in the conductor's MongoDB database, collection <c>zun_schedules</c>. Each claim is a
/// findOneAndUpdate on a due, unleased schedule, which MongoDB applies atomically per document, so
/// conductors sharing the database never fire a schedule twice while its lease runs.
/// </summary>
internal sealed class MongoScheduleStore : IScheduleStore
{
    private readonly IMongoCollection<BsonDocument> _schedules;
    private readonly Lazy<Task> _indexes;

    public MongoScheduleStore(MongoSagaDatabase database)
    {
        _schedules = database.Database.GetCollection<BsonDocument>("zun_schedules");
        _indexes = new Lazy<Task>(() => _schedules.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("dueAt"))));
    }

    public async Task Add(ScheduledMessageRecord schedule, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var document = new BsonDocument
        {
            ["_id"] = Id(schedule.TokenId),
            ["destination"] = schedule.Destination.ToString(),
            ["messageType"] = schedule.MessageType,
            ["payload"] = schedule.PayloadJson,
            ["dueAt"] = schedule.DueAt.UtcDateTime,
            ["leaseOwner"] = BsonNull.Value,
            ["leaseUntil"] = BsonNull.Value,
        };

        // Upsert with $setOnInsert: adding the same token again (a redelivered request) changes nothing.
        await _schedules.UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", Id(schedule.TokenId)),
            new BsonDocument("$setOnInsert", document),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);
    }

    public Task Cancel(Guid tokenId, CancellationToken cancellationToken) =>
        _schedules.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", Id(tokenId)), cancellationToken);

    public async Task<IReadOnlyList<ScheduledMessageRecord>> ClaimDue(
        DateTimeOffset now, string owner, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter;
        var due = filter.Lte("dueAt", now.UtcDateTime)
            & (filter.Eq("leaseUntil", BsonNull.Value) | filter.Lt("leaseUntil", now.UtcDateTime));
        var claim = Builders<BsonDocument>.Update.Set("leaseOwner", owner).Set("leaseUntil", (now + lease).UtcDateTime);
        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            Sort = Builders<BsonDocument>.Sort.Ascending("dueAt"),
            ReturnDocument = ReturnDocument.After,
        };

        var claimed = new List<ScheduledMessageRecord>();
        while (claimed.Count < limit
            && await _schedules.FindOneAndUpdateAsync(due, claim, options, cancellationToken) is { } document)
        {
            claimed.Add(new ScheduledMessageRecord(
                document["_id"].AsGuid,
                new Uri(document["destination"].AsString),
                document["messageType"].AsString,
                document["payload"].AsString,
                new DateTimeOffset(document["dueAt"].ToUniversalTime(), TimeSpan.Zero)));
        }

        return claimed;
    }

    public Task Complete(Guid tokenId, string owner, CancellationToken cancellationToken) =>
        _schedules.DeleteOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", Id(tokenId)) & Builders<BsonDocument>.Filter.Eq("leaseOwner", owner),
            cancellationToken);

    public async Task<DateTimeOffset?> NextDueAt(CancellationToken cancellationToken)
    {
        var next = await _schedules.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Ascending("dueAt"))
            .Limit(1)
            .FirstOrDefaultAsync(cancellationToken);
        return next is null ? null : new DateTimeOffset(next["dueAt"].ToUniversalTime(), TimeSpan.Zero);
    }

    private static BsonBinaryData Id(Guid tokenId) => new(tokenId, GuidRepresentation.Standard);
}
