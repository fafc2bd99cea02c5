using MassTransit;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Quotas;

/// <summary>
/// Projects' quotas on the conductor: a create or an update that would take a project past a limit is rejected naming
/// the quota, its limit and the usage; the last free slot goes to exactly one of the creates racing for it; a delete
/// frees what the container held; limits come from the project, else the default class, else the settings.
/// </summary>
public sealed class QuotaTests
{
    private const string Project = "project-q";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_past_the_containers_quota_is_rejected_naming_it_and_a_delete_frees_the_slot()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await Change(zun, new UpdateQuota { ProjectId = Project, AllProjects = true, Limits = new QuotaLimits { Containers = 2 } });
        var first = await zun.RunContainer(Project);
        await zun.RunContainer(Project);

        var third = ConductorHarness.NewCreate() with { ProjectId = Project };
        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(third, third.OperationId));

        Assert.Equal($"quota exceeded for project {Project}: containers limit 2, 2 in use, 1 more asked", rejected.Reason);
        Assert.Null(await zun.LoadContainer(third.ContainerId));

        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = first, Force = true, ProjectId = Project };
        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));
        var again = ConductorHarness.NewCreate() with { ProjectId = Project };
        Assert.IsType<OperationCompleted>(await zun.Execute(again, again.OperationId));
        var usage = (await Get(zun, new GetQuota { ProjectId = Project, IncludeUsage = true })).Usage!;
        Assert.Equal((2, 2.0, 1024L), (usage.Containers, usage.Cpu, usage.MemoryMb));
    }

    [Fact]
    public async Task Of_creates_racing_for_the_last_free_slot_exactly_one_wins()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await Change(zun, new UpdateQuota { ProjectId = Project, AllProjects = true, Limits = new QuotaLimits { Containers = 3 } });
        await zun.RunContainer(Project);
        await zun.RunContainer(Project);

        var creates = Enumerable.Range(0, 6).Select(_ => ConductorHarness.NewCreate() with { ProjectId = Project }).ToList();
        await Task.WhenAll(creates.Select(zun.Publish));
        var outcomes = await Task.WhenAll(creates.Select(c => zun.Outcome(c.OperationId)));

        Assert.Single(outcomes.OfType<OperationCompleted>());
        Assert.All(outcomes.OfType<OperationRejected>(), r => Assert.Contains("containers limit 3, 3 in use", r.Reason, StringComparison.Ordinal));
        Assert.Equal(5, outcomes.OfType<OperationRejected>().Count());
        Assert.Equal(3, (await Get(zun, new GetQuota { ProjectId = Project, IncludeUsage = true })).Usage!.Containers);
    }

    [Fact]
    public async Task An_update_that_grows_past_the_cpu_quota_is_rejected_and_one_within_it_moves_the_claim_and_the_usage()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, cpus: 8);
        await Change(zun, new UpdateQuota { ProjectId = Project, AllProjects = true, Limits = new QuotaLimits { Cpu = 3 } });
        var containerId = await zun.RunContainer(Project);
        await zun.RunContainer(Project);

        var tooMuch = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Cpu = 2.5, ProjectId = Project };
        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(tooMuch, tooMuch.OperationId));
        Assert.Equal($"quota exceeded for project {Project}: cpu limit 3, 2 in use, 1.5 more asked", rejected.Reason);

        var fits = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Cpu = 2, MemoryMb = 256, ProjectId = Project };
        Assert.IsType<OperationCompleted>(await zun.Execute(fits, fits.OperationId));

        var claim = Assert.Single(zun.Claims.On(ConductorHarness.WorkerHost), c => c.ContainerId == containerId);
        Assert.Equal((2.0, 256), (claim.Cpu, claim.MemoryMb));
        var usage = (await Get(zun, new GetQuota { ProjectId = Project, IncludeUsage = true })).Usage!;
        Assert.Equal((3.0, 768L), (usage.Cpu, usage.MemoryMb));
    }

    [Fact]
    public async Task An_update_the_host_cannot_hold_is_rejected_saying_so_and_leaves_the_quota_as_it_was()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(Project);

        // The harness's host has 2 cores and 64 GiB: 32 claimable cpus.
        var update = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, MemoryMb = 200_000, ProjectId = Project };
        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(update, update.OperationId));

        Assert.StartsWith($"host {ConductorHarness.WorkerHost} cannot hold the new size (memory: ", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(512, Assert.Single(zun.Claims.On(ConductorHarness.WorkerHost)).MemoryMb);
        Assert.Equal(512, (await Get(zun, new GetQuota { ProjectId = Project, IncludeUsage = true })).Usage!.MemoryMb);
    }

    [Fact]
    public async Task Limits_come_from_the_project_else_the_default_class_else_the_settings_and_only_an_administrator_changes_them()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zun:Quota:Containers"] = "40", ["Zun:Quota:Cpu"] = "20", ["Zun:Quota:MemoryMb"] = "51200" });

        var refused = await Ask<UpdateQuota, QuotaSet>(zun, new UpdateQuota { ProjectId = Project, Limits = new QuotaLimits { Containers = 1 } });
        Assert.Equal("only a caller acting for every project (an administrator) may change a project's quotas", refused.Rejected);
        var negative = await Ask<UpdateQuota, QuotaSet>(zun, new UpdateQuota { ProjectId = Project, AllProjects = true, Limits = new QuotaLimits { Cpu = -2 } });
        Assert.Equal("cpu quota must be -1 (unlimited) or more, got -2", negative.Rejected);

        var configured = await Get(zun, new GetQuota { ProjectId = Project });
        Assert.Equal(new QuotaLimits { Containers = 40, Cpu = 20, MemoryMb = 51_200, DiskGb = 100 }, configured.Limits);

        var byClass = await Ask<UpdateQuotaClass, QuotaClassSet>(zun, new UpdateQuotaClass { ClassName = "default", AllProjects = true, Limits = new QuotaLimits { Containers = 10 } });
        Assert.Equal(10, byClass.Answer!.Limits.Containers);
        Assert.Equal(new QuotaLimits { Containers = 10, Cpu = 20, MemoryMb = 51_200, DiskGb = 100 }, (await Get(zun, new GetDefaultQuota { ProjectId = Project })).Limits);

        await Change(zun, new UpdateQuota { ProjectId = Project, AllProjects = true, Limits = new QuotaLimits { Cpu = -1 } });
        Assert.Equal(new QuotaLimits { Containers = 10, Cpu = -1, MemoryMb = 51_200, DiskGb = 100 }, (await Get(zun, new GetQuota { ProjectId = Project })).Limits);

        var deleted = await Ask<DeleteQuota, QuotaSet>(zun, new DeleteQuota { ProjectId = Project, AllProjects = true });
        Assert.Equal(20, deleted.Answer!.Limits.Cpu);
        var otherClass = await Ask<GetQuotaClass, QuotaClassSet>(zun, new GetQuotaClass { ClassName = "gold", AllProjects = true });
        Assert.Equal(new QuotaLimits { Containers = 40, Cpu = 20, MemoryMb = 51_200, DiskGb = 100 }, otherClass.Answer!.Limits);
    }

    private static async Task Change(ConductorHarness zun, UpdateQuota update) =>
        Assert.Null((await Ask<UpdateQuota, QuotaSet>(zun, update)).Rejected);

    private static async Task<QuotaSet> Get<T>(ConductorHarness zun, T request)
        where T : class, IQuotaRequest
    {
        var answer = await Ask<T, QuotaSet>(zun, request);
        return answer.Answer ?? throw new InvalidOperationException($"{typeof(T).Name} rejected: {answer.Rejected}");
    }

    private static async Task<(TAnswer? Answer, string? Rejected)> Ask<TRequest, TAnswer>(ConductorHarness zun, TRequest request)
        where TRequest : class
        where TAnswer : class
    {
        var response = await zun.Harness.GetRequestClient<TRequest>().GetResponse<TAnswer, RequestRejected>(request, Ct, RequestTimeout.After(s: 10));
        return response.Is(out Response<TAnswer>? answer) ? (answer.Message, null) : (null, response.Is(out Response<RequestRejected>? r) ? r.Message.Reason : "?");
    }
}
