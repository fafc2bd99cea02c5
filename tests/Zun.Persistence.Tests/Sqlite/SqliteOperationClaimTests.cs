using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Contracts;
using Zun.Persistence.Tests.Harness;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>Operation ids claimed in the journal on a SQLite file, where the store's unique id decides a race.</summary>
public sealed class SqliteOperationClaimTests : IDisposable
{
    private readonly TempSqliteFile _file = new();
    private readonly SqliteSagaDatabase _database;
    private readonly SqliteSagaStore<TrackedOperation> _store;

    public SqliteOperationClaimTests()
    {
        _database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));
        _store = new SqliteSagaStore<TrackedOperation>(_database, ConductorSagaFields.Operations, NullLogger<SqliteSagaStore<TrackedOperation>>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_different_commands_claiming_one_id_at_once_exactly_one_gets_it_and_the_other_learns_what_it_stands_for()
    {
        await _store.InitializeAsync(Ct);
        var race = new InsertRace();
        var journal = new DocumentOperationJournal(race.Around<TrackedOperation>(_store));
        var operationId = Guid.NewGuid();
        var first = Claim(operationId, Guid.NewGuid(), "first");
        var second = Claim(operationId, Guid.NewGuid(), "second");

        var holders = await Task.WhenAll(journal.Claim(first, Ct), journal.Claim(second, Ct));

        Assert.Equal(1, race.Lost);
        var (winner, loserSaw) = holders[0] is null ? (first, holders[1]) : (second, holders[0]);
        Assert.Single(holders, h => h is null);
        Assert.Equal((winner.ContainerId, winner.Fingerprint), (loserSaw?.ContainerId, loserSaw?.Fingerprint));
        Assert.Equal(winner.ContainerId, (await _store.LoadAsync(operationId, Ct))?.ContainerId);
    }

    [Fact]
    public async Task A_resent_command_finds_the_id_its_own()
    {
        await _store.InitializeAsync(Ct);
        var journal = new DocumentOperationJournal(_store);
        var claim = Claim(Guid.NewGuid(), Guid.NewGuid(), "same");

        Assert.Null(await journal.Claim(claim, Ct));
        Assert.Null(await journal.Claim(claim, Ct));
    }

    public void Dispose()
    {
        _database.Dispose();
        _file.Dispose();
    }

    private static OperationClaim Claim(Guid operationId, Guid containerId, string fingerprint) =>
        new(operationId, containerId, ContainerAction.Create, "project-1", "user-1", fingerprint);
}
