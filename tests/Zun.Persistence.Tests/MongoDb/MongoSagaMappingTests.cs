using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Operations;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.MongoDb;

/// <summary>How instances and queries look to MongoDB: checked without a server, through the driver's own serializers.</summary>
public sealed class MongoSagaMappingTests
{
    public MongoSagaMappingTests() => MongoSagaClassMaps.Register<TrackedContainer>();

    [Fact]
    public void A_container_is_stored_under_its_id_as_a_standard_uuid_with_enum_names_and_label_pairs()
    {
        var container = Sagas.Container(state: "Busy", status: ContainerStatus.Running);

        var document = container.ToBsonDocument();

        var id = Assert.IsType<BsonBinaryData>(document["_id"]);
        Assert.Equal(BsonBinarySubType.UuidStandard, id.SubType);
        Assert.Equal(container.CorrelationId, id.ToGuid());
        Assert.Equal("Running", document["Status"].AsString);
        Assert.Equal("ContainerStarting", document["TaskState"].AsString);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["ActiveOperation"]["OperationId"].AsBsonBinaryData.SubType);
        Assert.Equal(new BsonArray { new BsonArray { "com.example.team", "storage" } }, document["Spec"]["Labels"]);
        Assert.False(document.Contains("CorrelationId"));
    }

    [Fact]
    public void A_stored_container_reads_back_unchanged()
    {
        var container = Sagas.Container();
        container.Version = 7;

        var read = BsonSerializer.Deserialize<TrackedContainer>(container.ToBsonDocument());

        Assert.Equal(container.CorrelationId, read.CorrelationId);
        Assert.Equal(7, read.Version);
        Assert.Equal(container.Spec.Labels, read.Spec.Labels);
        Assert.Equal(container.CreatedAt, read.CreatedAt);
        Assert.Equal(container.RecentOperations, read.RecentOperations);
    }

    [Fact]
    public void A_time_is_stored_with_a_comparable_utc_date_and_reads_back_with_its_offset()
    {
        MongoSagaClassMaps.Register<TrackedOperation>();
        var finishedAt = new DateTimeOffset(2026, 3, 1, 13, 30, 0, 123, TimeSpan.FromHours(3)).AddTicks(4567);
        var operation = new TrackedOperation { CorrelationId = Guid.NewGuid(), CurrentState = "Completed", FinishedAt = finishedAt };

        var document = operation.ToBsonDocument();
        var read = BsonSerializer.Deserialize<TrackedOperation>(document);

        var stored = document["FinishedAt"][MongoSagaClassMaps.TimeDateElement];
        Assert.Equal(new DateTime(2026, 3, 1, 10, 30, 0, 123, DateTimeKind.Utc), stored.ToUniversalTime());
        Assert.Equal(finishedAt.Ticks, read.FinishedAt!.Value.Ticks);
        Assert.Equal(finishedAt.Offset, read.FinishedAt.Value.Offset);
        Assert.Equal(BsonNull.Value, new TrackedOperation().ToBsonDocument()["FinishedAt"]);
    }

    [Fact]
    public void The_worker_available_query_becomes_a_filter_on_state_and_requested_host()
    {
        var heartbeat = new WorkerHeartbeat { Host = "host-b" };

        var filter = Render(saga => saga.CurrentState == ContainerStateMachine.PlacingStateName
            && (saga.RequestedHost == null || saga.RequestedHost == heartbeat.Host));

        var expected = BsonDocument.Parse(
            """{ "$and": [{ "CurrentState": "Placing" }, { "$or": [{ "RequestedHost": null }, { "RequestedHost": "host-b" }] }] }""");
        Assert.Equal(expected, filter);
    }

    [Fact]
    public void An_enum_query_compares_the_stored_name()
    {
        var filter = Render(x => x.Status == ContainerStatus.Stopped);

        Assert.Equal(new BsonDocument("Status", "Stopped"), filter);
    }

    [Fact]
    public void Class_maps_registered_from_many_threads_at_once_are_registered_once()
    {
        Parallel.For(0, 16, _ =>
        {
            MongoSagaClassMaps.Register<ImagePull>();
            MongoSagaClassMaps.Register<TrackedOperation>();
        });

        Assert.True(BsonClassMap.IsClassMapRegistered(typeof(ImagePull)));
        Assert.Equal("_id", BsonClassMap.LookupClassMap(typeof(TrackedOperation)).IdMemberMap.ElementName);
    }

    private static BsonDocument Render(System.Linq.Expressions.Expression<Func<TrackedContainer, bool>> query) =>
        Builders<TrackedContainer>.Filter.Where(query)
            .Render(new RenderArgs<TrackedContainer>(BsonSerializer.LookupSerializer<TrackedContainer>(), BsonSerializer.SerializerRegistry));
}
