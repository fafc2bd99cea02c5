using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Persistence.Sqlite;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Opens the store before the bus starts (it is registered ahead of MassTransit's hosted service): a MongoDB that
/// does not answer or a SQLite file that cannot be written stops the conductor at start, with the reason.
/// </summary>
internal sealed partial class SagaStoreStartup(
    SagaStoreSelection selection,
    IOptions<StoreOptions> options,
    IServiceProvider services,
    IEnumerable<ISagaStoreInitializer> initializers,
    ILogger<SagaStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        switch (selection.Provider)
        {
            case StoreProvider.MongoDb:
                var mongo = services.GetRequiredService<MongoSagaDatabase>();
                await mongo.PingAsync(TimeSpan.FromSeconds(options.Value.MongoDb.StartTimeoutSeconds), cancellationToken);
                LogStore(logger, "MongoDB", $"{mongo.Servers}/{mongo.Database.DatabaseNamespace.DatabaseName}");
                break;
            case StoreProvider.Sqlite:
                // Opening the file creates it and switches it to WAL: a path that cannot be written fails here.
                var sqlite = services.GetRequiredService<SqliteSagaDatabase>();
                await (await sqlite.OpenAsync(cancellationToken)).DisposeAsync();
                LogStore(logger, "SQLite", sqlite.Path);
                if (!await sqlite.ReclaimsFreePagesAsync(cancellationToken))
                    LogNoReclaim(logger, sqlite.Path);
                break;
            default:
                LogStore(logger, "in-memory", "this process");
                break;
        }

        foreach (var initializer in initializers)
            await initializer.InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SQLite file {Path} was made before Zun set incremental auto-vacuum: the space of purged records is reused but never returned to the file system. To change that, with the conductor stopped: sqlite3 {Path} 'PRAGMA auto_vacuum = INCREMENTAL; VACUUM;'")]
    private static partial void LogNoReclaim(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saga store: {Provider} at {Location}")]
    private static partial void LogStore(ILogger logger, string provider, string location);
}
