using MassTransit;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Options;
using MongoDB.Bson.Serialization.Serializers;

namespace Zun.Conductor.Persistence.MongoDb;

/// <summary>
/// How saga instances are written as BSON: the correlation id is <c>_id</c>, GUIDs use the Standard (UUID)
/// representation, enums are stored by name, string dictionaries as arrays of pairs (label keys contain dots).
/// The driver's registries are process-wide, so registration happens once per type under a lock.
/// </summary>
internal static class MongoSagaClassMaps
{
    private static readonly Lock Gate = new();
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
            }),
        };
        ConventionRegistry.Register("zun-sagas", pack, type => type.Namespace?.StartsWith("Zun.", StringComparison.Ordinal) == true);
        _conventionsRegistered = true;
    }
}
