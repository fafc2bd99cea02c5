using MassTransit;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Options;
using MongoDB.Bson.Serialization.Serializers;

namespace Zun.Conductor.Persistence.MongoDb;

/// <summary>
/// How saga instances are written as BSON: the correlation id is <c>_id</c>, GUIDs use the Standard (UUID)
/// representation, enums are stored by name, string dictionaries as arrays of pairs (label keys contain dots), and
/// times as documents holding a BSON date beside the exact ticks and offset, so that filters and indexes can compare
/// times (the driver's default, an array of local ticks and offset, does not sort by time).
/// The driver's registries are process-wide, so registration happens once per type under a lock.
/// </summary>
internal static class MongoSagaClassMaps
{
    /// <summary>The element of a time document that holds it as a BSON date (UTC, to the millisecond).</summary>
    public const string TimeDateElement = "DateTime";

    private static readonly Lock Gate = new();
    private static readonly DateTimeOffsetSerializer ComparableTime = new(BsonType.Document);
    private static bool _conventionsRegistered;

    public static void Register<TSaga>()
        where TSaga : class, ISagaVersion
    {
        lock (Gate)
        {
            RegisterConventions();
            if (BsonClassMap.IsClassMapRegistered(typeof(TSaga)))
                return;

            BsonClassMap.RegisterClassMap<TSaga>(map =>
            {
                map.AutoMap();
                map.MapIdMember(x => x.CorrelationId);
                map.MapMember(x => x.Version).SetIgnoreIfDefault(false);
            });
        }
    }

    /// <summary>The element a property is stored under (the class map of the saga type must be registered).</summary>
    public static string ElementNameOf<TSaga>(SagaField field) =>
        BsonClassMap.LookupClassMap(typeof(TSaga)).GetMemberMap(field.Name).ElementName;

    private static void RegisterConventions()
    {
        if (_conventionsRegistered)
            return;

        var standard = new GuidSerializer(GuidRepresentation.Standard);
        if (!BsonSerializer.TryRegisterSerializer(standard)
            && BsonSerializer.LookupSerializer<Guid>() is not GuidSerializer { GuidRepresentation: GuidRepresentation.Standard })
        {
            throw new InvalidOperationException("Another component registered a GUID serializer that does not use the Standard representation");
        }

        var pack = new ConventionPack
        {
            new EnumRepresentationConvention(BsonType.String),
            new IgnoreExtraElementsConvention(true),
            new DelegateMemberMapConvention("zun-string-dictionaries", member =>
            {
                if (member.MemberType == typeof(Dictionary<string, string>))
                {
                    member.SetSerializer(new DictionaryInterfaceImplementerSerializer<Dictionary<string, string>, string, string>(
                        DictionaryRepresentation.ArrayOfArrays));
                }
                else if (member.MemberType == typeof(DateTimeOffset))
                {
                    member.SetSerializer(ComparableTime);
                }
                else if (member.MemberType == typeof(DateTimeOffset?))
                {
                    member.SetSerializer(new NullableSerializer<DateTimeOffset>(ComparableTime));
                }
            }),
        };
        ConventionRegistry.Register("zun-sagas", pack, type => type.Namespace?.StartsWith("Zun.", StringComparison.Ordinal) == true);
        _conventionsRegistered = true;
    }
}
