using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests;

/// <summary>
/// What every saga document store must do, run against each one. Each test gets an empty store of its own.
/// </summary>
public abstract class SagaDocumentStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty, initialized store; skips the test when the store's server is not available.</summary>
    protected abstract Task<ISagaDocumentStore<TrackedContainer>> CreateStoreAsync();

    [Fact]
    public async Task An_inserted_instance_loads_at_version_1_with_all_its_data()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container(state: "Busy", status: ContainerStatus.Creating);

        await store.InsertAsync(container, Ct);
        var loaded = await store.LoadAsync(container.CorrelationId, Ct);

        Assert.NotNull(loaded);
        Assert.Equal(1, container.Version);
        Assert.Equal(1, loaded.Version);
        Assert.Equal(container.CurrentState, loaded.CurrentState);
        Assert.Equal(ContainerStatus.Creating, loaded.Status);
        Assert.Equal(TaskState.ContainerStarting, loaded.TaskState);
        Assert.Equal(container.Spec.Command, loaded.Spec.Command);
        Assert.Equal("storage", loaded.Spec.Labels!["com.example.team"]);
        Assert.Equal(container.CreatedAt, loaded.CreatedAt);
        Assert.Equal(container.CreatedAt.Offset, loaded.CreatedAt.Offset);
        Assert.Equal(container.ActiveOperation!.OperationId, loaded.ActiveOperation!.OperationId);
        Assert.Equal(container.RecentOperations[0], loaded.RecentOperations[0]);
    }

    [Fact]
    public async Task Loading_an_id_never_stored_returns_null()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.LoadAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task An_update_with_the_version_read_is_stored_and_bumps_the_version()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container();
        await store.InsertAsync(container, Ct);

        var loaded = (await store.LoadAsync(container.CorrelationId, Ct))!;
        loaded.Status = ContainerStatus.Stopped;
        loaded.ExitCode = 137;
        await store.UpdateAsync(loaded, Ct);

        var reloaded = (await store.LoadAsync(container.CorrelationId, Ct))!;
        Assert.Equal(2, loaded.Version);
        Assert.Equal(2, reloaded.Version);
        Assert.Equal(ContainerStatus.Stopped, reloaded.Status);
        Assert.Equal(137, reloaded.ExitCode);
    }

    [Fact]
    public async Task A_stale_update_is_rejected_with_a_concurrency_exception_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container();
        await store.InsertAsync(container, Ct);
        var first = (await store.LoadAsync(container.CorrelationId, Ct))!;
        var stale = (await store.LoadAsync(container.CorrelationId, Ct))!;
        first.Status = ContainerStatus.Stopped;
        await store.UpdateAsync(first, Ct);

        stale.Status = ContainerStatus.Deleted;
        var conflict = await Assert.ThrowsAsync<SagaVersionConflictException>(() => store.UpdateAsync(stale, Ct));

        Assert.Equal((container.CorrelationId, 1), (conflict.CorrelationId, conflict.ExpectedVersion));
        Assert.Equal(1, stale.Version);
        var stored = (await store.LoadAsync(container.CorrelationId, Ct))!;
        Assert.Equal(ContainerStatus.Stopped, stored.Status);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Four_concurrent_updates_of_one_instance_retried_on_conflict_are_all_applied()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container();
        await store.InsertAsync(container, Ct);
        var stops = Enumerable.Range(0, 4).Select(_ => Sagas.QueuedStop()).ToList();

        // All four read version 1 before any writes, so at most one first write can succeed.
        var loaded = await Task.WhenAll(stops.Select(_ => store.LoadAsync(container.CorrelationId, Ct)));
        var conflicts = await Task.WhenAll(stops.Select((stop, i) => Task.Run(() =>
            RetryingWriter.Apply(store, loaded[i]!, c => c.QueuedOperations.Add(stop), Ct), Ct)));

        var stored = (await store.LoadAsync(container.CorrelationId, Ct))!;
        Assert.Equal(stops.Select(s => s.OperationId).Order(), stored.QueuedOperations.Select(o => o.OperationId).Order());
        Assert.Equal(5, stored.Version);
        Assert.True(conflicts.Sum() >= 3, $"expected at least 3 conflicting writes, saw {conflicts.Sum()}");
    }

    [Fact]
    public async Task Of_two_racing_inserts_of_one_id_one_wins_and_the_other_gets_the_duplicate_exception()
    {
        var store = await CreateStoreAsync();
        var first = Sagas.Container(projectId: "first");
        var second = Sagas.Container(projectId: "second");
        second.CorrelationId = first.CorrelationId;

        var outcomes = await Task.WhenAll(new[] { first, second }.Select(instance => Task.Run(async () =>
        {
            try
            {
                await store.InsertAsync(instance, Ct);
                return (Instance: instance, Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Instance: instance, Error: ex);
            }
        }, Ct)));

        var winner = Assert.Single(outcomes, o => o.Error is null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        var duplicate = Assert.IsType<SagaAlreadyExistsException>(loser.Error);
        Assert.Equal(0, loser.Instance.Version);
        Assert.Equal(first.CorrelationId, duplicate.CorrelationId);
        Assert.Equal(winner.Instance.ProjectId, (await store.LoadAsync(first.CorrelationId, Ct))!.ProjectId);
    }

    [Fact]
    public async Task A_delete_with_the_version_read_removes_the_instance()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container();
        await store.InsertAsync(container, Ct);
        var loaded = (await store.LoadAsync(container.CorrelationId, Ct))!;

        await store.DeleteAsync(loaded, Ct);

        Assert.Null(await store.LoadAsync(container.CorrelationId, Ct));
    }

    [Fact]
    public async Task A_stale_delete_is_rejected_and_the_instance_stays()
    {
        var store = await CreateStoreAsync();
        var container = Sagas.Container();
        await store.InsertAsync(container, Ct);
        var stale = (await store.LoadAsync(container.CorrelationId, Ct))!;
        var current = (await store.LoadAsync(container.CorrelationId, Ct))!;
        current.Status = ContainerStatus.Stopped;
        await store.UpdateAsync(current, Ct);

        await Assert.ThrowsAsync<SagaVersionConflictException>(() => store.DeleteAsync(stale, Ct));

        Assert.Equal(ContainerStatus.Stopped, (await store.LoadAsync(container.CorrelationId, Ct))!.Status);
    }

    [Fact]
    public async Task A_query_by_state_returns_exactly_the_instances_in_that_state()
    {
        var store = await CreateStoreAsync();
        var placing = await Insert(store, Sagas.Container(state: ContainerStateMachine.PlacingStateName, host: null));
        await Insert(store, Sagas.Container(state: "Idle"));

        var found = await store.QueryAsync(x => x.CurrentState == ContainerStateMachine.PlacingStateName, Ct);

        Assert.Equal(placing.CorrelationId, Assert.Single(found).CorrelationId);
        Assert.Equal(1, found[0].Version);
    }

    [Fact]
    public async Task The_placing_query_for_a_worker_finds_unpinned_containers_and_those_pinned_to_it()
    {
        var store = await CreateStoreAsync();
        var unpinned = await Insert(store, Sagas.Container(state: "Placing", host: null));
        var pinnedHere = await Insert(store, Sagas.Container(state: "Placing", host: null, requestedHost: "host-b"));
        await Insert(store, Sagas.Container(state: "Placing", host: null, requestedHost: "host-c"));
        await Insert(store, Sagas.Container(state: "Idle", host: "host-b", requestedHost: "host-b"));
        var heartbeat = new WorkerHeartbeat { Host = "host-b", Endpoint = "zun-worker-host-b" };

        // The shape of ContainerStateMachine's WorkerAvailable correlation, with the message's host as a value.
        var found = await store.QueryAsync(saga => saga.CurrentState == ContainerStateMachine.PlacingStateName
            && (saga.RequestedHost == null || saga.RequestedHost == heartbeat.Host), Ct);

        Assert.Equal(new[] { unpinned.CorrelationId, pinnedHere.CorrelationId }.Order(), found.Select(x => x.CorrelationId).Order());
    }

    [Fact]
    public async Task A_query_by_host_and_enum_status_keeps_csharp_semantics_for_not_equal_and_null()
    {
        var store = await CreateStoreAsync();
        var runningOnA = await Insert(store, Sagas.Container(status: ContainerStatus.Running, host: "host-a"));
        var stoppedOnA = await Insert(store, Sagas.Container(status: ContainerStatus.Stopped, host: "host-a"));
        var unplaced = await Insert(store, Sagas.Container(status: ContainerStatus.Creating, host: null));
        await Insert(store, Sagas.Container(status: ContainerStatus.Running, host: "host-b"));
        var wanted = ContainerStatus.Running;

        var runningOnHostA = await store.QueryAsync(x => x.Host == "host-a" && x.Status == wanted, Ct);
        var notOnHostB = await store.QueryAsync(x => x.Host != "host-b", Ct);
        var notRunning = await store.QueryAsync(x => x.Status != ContainerStatus.Running, Ct);

        Assert.Equal(runningOnA.CorrelationId, Assert.Single(runningOnHostA).CorrelationId);
        Assert.Equal(Ids(runningOnA, stoppedOnA, unplaced), Ids(notOnHostB.ToArray()));
        Assert.Equal(Ids(stoppedOnA, unplaced), Ids(notRunning.ToArray()));
    }

    [Fact]
    public async Task A_query_on_properties_without_an_index_still_answers_correctly()
    {
        var store = await CreateStoreAsync();
        var busybox = await Insert(store, Sagas.Container());
        var other = Sagas.Container();
        other.Spec = other.Spec with { Image = "nginx:1" };
        await Insert(store, other);

        var found = await store.QueryAsync(x => x.Spec.Image.StartsWith("127.0.0.1:5000/busybox") && x.ExitCode == null, Ct);

        Assert.Equal(busybox.CorrelationId, Assert.Single(found).CorrelationId);
    }

    private static async Task<TrackedContainer> Insert(ISagaDocumentStore<TrackedContainer> store, TrackedContainer container)
    {
        await store.InsertAsync(container, Ct);
        return container;
    }

    private static IEnumerable<Guid> Ids(params TrackedContainer[] containers) => containers.Select(c => c.CorrelationId).Order();
}
