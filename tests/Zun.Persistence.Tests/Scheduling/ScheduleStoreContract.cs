using Zun.Conductor.Scheduling;

namespace Zun.Persistence.Tests.Scheduling;

/// <summary>What every schedule store must do, run against each store.</summary>
public abstract class ScheduleStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store on fresh storage; calling it again returns another store on the same storage (another conductor).</summary>
    protected abstract Task<IScheduleStore> CreateStoreAsync();

    [Fact]
    public async Task A_schedule_is_claimed_once_it_is_due_and_not_before()
    {
        var store = await CreateStoreAsync();
        var schedule = Schedule(Now.AddSeconds(10));
        await store.Add(schedule, Ct);

        var early = await store.ClaimDue(Now, "a", Lease, 10, Ct);
        var due = await store.ClaimDue(Now.AddSeconds(10), "a", Lease, 10, Ct);

        Assert.Empty(early);
        var claimed = Assert.Single(due);
        Assert.Equal(schedule, claimed);
    }

    [Fact]
    public async Task Adding_the_same_token_again_keeps_one_schedule()
    {
        var store = await CreateStoreAsync();
        var schedule = Schedule(Now);

        await store.Add(schedule, Ct);
        await store.Add(schedule with { DueAt = Now.AddHours(1) }, Ct);

        Assert.Single(await store.ClaimDue(Now, "a", Lease, 10, Ct));
    }

    [Fact]
    public async Task A_cancelled_schedule_never_fires()
    {
        var store = await CreateStoreAsync();
        var schedule = Schedule(Now);
        await store.Add(schedule, Ct);

        await store.Cancel(schedule.TokenId, Ct);

        Assert.Empty(await store.ClaimDue(Now.AddMinutes(1), "a", Lease, 10, Ct));
        Assert.Null(await store.NextDueAt(Ct));
    }

    [Fact]
    public async Task A_claimed_schedule_is_not_claimed_by_another_owner_until_its_lease_runs_out()
    {
        var store = await CreateStoreAsync();
        await store.Add(Schedule(Now), Ct);
        Assert.Single(await store.ClaimDue(Now, "a", Lease, 10, Ct));

        var whileLeased = await store.ClaimDue(Now.AddSeconds(29), "b", Lease, 10, Ct);
        var afterLease = await store.ClaimDue(Now.AddSeconds(31), "b", Lease, 10, Ct);

        Assert.Empty(whileLeased);
        Assert.Single(afterLease);
    }

    [Fact]
    public async Task Only_the_owner_of_the_claim_completes_a_schedule()
    {
        var store = await CreateStoreAsync();
        var schedule = Schedule(Now);
        await store.Add(schedule, Ct);
        await store.ClaimDue(Now, "a", Lease, 10, Ct);

        await store.Complete(schedule.TokenId, "b", Ct);
        Assert.NotNull(await store.NextDueAt(Ct));
        await store.Complete(schedule.TokenId, "a", Ct);

        Assert.Null(await store.NextDueAt(Ct));
    }

    [Fact]
    public async Task Two_conductors_claiming_at_once_fire_each_schedule_once()
    {
        var first = await CreateStoreAsync();
        var second = await CreateStoreAsync();
        var schedules = Enumerable.Range(0, 100).Select(i => Schedule(Now.AddMilliseconds(-i))).ToList();
        foreach (var schedule in schedules)
            await first.Add(schedule, Ct);

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).ClaimDue(Now, $"owner-{i}", Lease, 20, Ct)));

        var claimed = claims.SelectMany(c => c).Select(s => s.TokenId).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(schedules.Select(s => s.TokenId).Order(), claimed.Order());
    }

    [Fact]
    public async Task Next_due_is_the_earliest_schedule_kept()
    {
        var store = await CreateStoreAsync();
        await store.Add(Schedule(Now.AddMinutes(5)), Ct);
        await store.Add(Schedule(Now.AddMinutes(1)), Ct);

        Assert.Equal(Now.AddMinutes(1), await store.NextDueAt(Ct));
    }

    [Fact]
    public async Task Schedules_outlive_the_store_that_kept_them()
    {
        var schedule = Schedule(Now);
        await (await CreateStoreAsync()).Add(schedule, Ct);

        var restarted = await CreateStoreAsync();

        Assert.Equal(schedule, Assert.Single(await restarted.ClaimDue(Now, "a", Lease, 10, Ct)));
    }

    private static ScheduledMessageRecord Schedule(DateTimeOffset dueAt) => new(
        Guid.NewGuid(),
        new Uri("exchange:zun-conductor"),
        "urn:message:Zun.Conductor.StateMachines:OperationDeadlineExpired",
        """{"containerId":"5d9e9a5e-2b5e-4a4e-9c0e-0d6c7c0f1a11"}""",
        dueAt);
}
