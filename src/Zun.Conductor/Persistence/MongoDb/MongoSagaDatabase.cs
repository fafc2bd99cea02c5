using MongoDB.Bson;
using MongoDB.Driver;

namespace Zun.Conductor.Persistence.MongoDb;

/// <summary>The conductor's MongoDB database: one client for the process, as the driver wants it.</summary>
internal sealed class MongoSagaDatabase : IDisposable
{
    private readonly MongoUrl _url;
    private readonly MongoClient _client;

    public MongoSagaDatabase(string connectionString, string database)
    {
        _url = MongoUrl.Create(connectionString);
        _client = new MongoClient(MongoClientSettings.FromUrl(_url));
        Database = _client.GetDatabase(database);
    }

    public IMongoDatabase Database { get; }

    /// <summary>The servers named in the connection string, without credentials, for messages.</summary>
    public string Servers => string.Join(",", _url.Servers.Select(s => $"{s.Host}:{s.Port}"));

    /// <summary>
    /// Asks the server to answer within <paramref name="timeout"/>, so a conductor pointed at a server it cannot
    /// reach refuses to start, naming the server, instead of failing on its first message.
    /// </summary>
    public async Task PingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A client of its own: the shared one keeps its default server-selection timeout for normal work.
        var settings = MongoClientSettings.FromUrl(_url);
        settings.ServerSelectionTimeout = timeout;
        settings.ConnectTimeout = timeout;
        using var client = new MongoClient(settings);
        try
        {
            await client.GetDatabase(Database.DatabaseNamespace.DatabaseName)
                .RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or MongoException)
        {
            throw new InvalidOperationException(
                $"The saga store MongoDB at {Servers} (Zun:Store:MongoDb:ConnectionString) did not answer within {timeout.TotalSeconds:0.#} s: {ex.GetType().Name}", ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
