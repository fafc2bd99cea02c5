namespace Zun.Conductor.Options;

/// <summary>Where the conductor keeps its saga instances.</summary>
public enum StoreProvider
{
    /// <summary>A SQLite file on this machine: the default, needing nothing else installed.</summary>
    Sqlite,

    /// <summary>A MongoDB server or replica set: for production and for several conductors on several machines.</summary>
    MongoDb,
}
