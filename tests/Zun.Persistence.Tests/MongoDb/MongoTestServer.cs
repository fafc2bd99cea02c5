using Zun.Conductor.Persistence.MongoDb;

namespace Zun.Persistence.Tests.MongoDb;

/// <summary>A real MongoDB, when <c>ZUN_TEST_MONGO_URL</c> names one; the tests that need it are skipped otherwise.</summary>
public static class MongoTestServer
{
    public const string Variable = "ZUN_TEST_MONGO_URL";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    /// <summary>The server's URL, or the test is reported as skipped.</summary>
    public static string Require()
    {
        Assert.SkipUnless(Url is not null, $"no MongoDB server: set {Variable} (e.g. mongodb://127.0.0.1:27017) to run the MongoDB store tests");
        return Url!;
    }

    /// <summary>A database of the test's own on the server (the test is skipped without one), answering a ping.</summary>
    internal static async Task<MongoSagaDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = new MongoSagaDatabase(Require(), $"zun_test_{Guid.NewGuid():N}");
        await database.PingAsync(TimeSpan.FromSeconds(5), cancellationToken);
        return database;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> and lets its client go.</summary>
    internal static async ValueTask DropAsync(MongoSagaDatabase? database)
    {
        if (database is null)
            return;
        await database.Database.Client.DropDatabaseAsync(database.Database.DatabaseNamespace.DatabaseName);
        database.Dispose();
    }
}
