using MassTransit;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// The conductor keeps projects apart itself: another project's container, operation or image pull is answered as if it
/// did not exist, unless the caller acts for all projects. A container created without a project is one of its own.
/// </summary>
public sealed class TenancyTests
{
    private const string ProjectA = "project-a";
    private const string ProjectB = "project-b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> CommandKinds() =>
        ["start", "stop", "restart", "pause", "unpause", "kill", "delete", "update", "rename", "commit", "rebuild"];

    [Theory]
    [MemberData(nameof(CommandKinds))]
    public async Task A_command_for_another_projects_container_is_rejected_as_not_found_and_changes_nothing(string kind)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var (command, operationId) = Command(kind, containerId, ProjectB);

        var outcome = await zun.Execute(command, operationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal($"container {containerId} not found", rejected.Reason);
        Assert.Equal(ProjectB, rejected.ProjectId);
        Assert.Null(rejected.Container);
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal((ContainerStatus.Running, ProjectA), (container.Status, container.ProjectId));
        Assert.DoesNotContain(container.RecentOperations, o => o.OperationId == operationId);
        Assert.DoesNotContain(zun.Worker.Received, a => a.OperationId == operationId);
    }

    [Fact]
    public async Task A_command_of_another_project_acting_for_all_projects_is_applied()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, ProjectId = ProjectB, AllProjects = true };

        var outcome = await zun.Execute(stop, stop.OperationId);

        Assert.Equal(ContainerStatus.Stopped, Assert.IsType<OperationCompleted>(outcome).Status);
    }

    [Fact]
    public async Task A_command_with_a_project_for_a_container_created_without_one_is_rejected_as_not_found()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(project: null);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, ProjectId = ProjectA };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(stop, stop.OperationId));

        Assert.Equal($"container {containerId} not found", rejected.Reason);
        Assert.Equal(ContainerStatus.Running, (await zun.ContainerIn(containerId, m => m.Idle)).Status);
    }

    [Fact]
    public async Task A_command_without_a_project_for_a_container_of_a_project_is_rejected_as_not_found()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, ProjectId = null };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(stop, stop.OperationId));

        Assert.Equal($"container {containerId} not found", rejected.Reason);
    }

    [Fact]
    public async Task A_create_with_the_id_of_another_projects_container_is_rejected_without_its_status_and_recorded_for_the_caller_only()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var create = ConductorHarness.NewCreate() with { ContainerId = containerId, ProjectId = ProjectB };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(create, create.OperationId));

        Assert.Equal($"container {containerId} already exists", rejected.Reason);
        Assert.Equal(ProjectB, rejected.ProjectId);
        Assert.Null(rejected.Container);
        Assert.True((await zun.GetOperation(new GetOperation { OperationId = create.OperationId, ProjectId = ProjectB })).Is(out Response<OperationInfo>? _));
        Assert.True((await zun.GetOperation(new GetOperation { OperationId = create.OperationId, ProjectId = ProjectA })).Is(out Response<OperationNotFound>? _));
        Assert.DoesNotContain((await zun.ContainerIn(containerId, m => m.Idle)).RecentOperations, o => o.OperationId == create.OperationId);
    }

    [Fact]
    public async Task A_container_query_of_another_project_answers_ContainerNotFound()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);

        var response = await zun.GetContainer(new GetContainer { ContainerId = containerId, ProjectId = ProjectB });

        Assert.True(response.Is(out Response<ContainerNotFound>? notFound));
        Assert.Equal(containerId, notFound.Message.ContainerId);
    }

    [Fact]
    public async Task A_container_query_of_the_containers_project_or_for_all_projects_answers_with_the_container()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);

        var own = await zun.GetContainer(new GetContainer { ContainerId = containerId, ProjectId = ProjectA });
        var all = await zun.GetContainer(new GetContainer { ContainerId = containerId, ProjectId = ProjectB, AllProjects = true });

        Assert.True(own.Is(out Response<ContainerInfo>? _));
        Assert.True(all.Is(out Response<ContainerInfo>? _));
    }

    [Theory]
    [InlineData("logs")]
    [InlineData("top")]
    [InlineData("stats")]
    [InlineData("exec")]
    [InlineData("get_archive")]
    [InlineData("put_archive")]
    public async Task A_question_for_the_worker_about_another_projects_container_answers_ContainerNotFound_and_is_not_forwarded(string kind)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var question = Question(kind, containerId, ProjectB, allProjects: false);

        var answer = await Ask(zun.Harness.Bus, question);

        Assert.Equal(containerId, Assert.IsType<ContainerNotFound>(answer).ContainerId);
        Assert.Empty(zun.Harness.Sent.Select(m => m.MessageType == question.GetType() && IsToWorker(m), DoNotWait));
    }

    [Theory]
    [InlineData("logs")]
    [InlineData("exec")]
    public async Task A_question_for_the_worker_for_all_projects_is_forwarded_to_the_containers_worker(string kind)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer(ProjectA);
        var question = Question(kind, containerId, ProjectB, allProjects: true);

        await zun.Publish(question);

        Assert.True(await zun.Harness.Sent.Any(m => m.MessageType == question.GetType() && IsToWorker(m), Ct));
    }

    [Fact]
    public async Task A_list_shows_only_the_callers_project_and_a_list_for_all_projects_every_project_or_the_one_named()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var ofA = await zun.RunContainer(ProjectA);
        var ofB = await zun.RunContainer(ProjectB);
        var ofNone = await zun.RunContainer(project: null);

        var asA = await zun.ListContainers(new ListContainers { ProjectId = ProjectA });
        var asNone = await zun.ListContainers(new ListContainers());
        var everyProject = await zun.ListContainers(new ListContainers { AllProjects = true });
        var onlyB = await zun.ListContainers(new ListContainers { AllProjects = true, ProjectId = ProjectB });

        Assert.Equal([ofA], asA.Select(c => c.ContainerId));
        Assert.Equal([ofNone], asNone.Select(c => c.ContainerId));
        Assert.Equal(new[] { ofA, ofB, ofNone }.Order(), everyProject.Select(c => c.ContainerId).Order());
        Assert.Equal([ofB], onlyB.Select(c => c.ContainerId));
    }

    [Fact]
    public async Task An_operation_query_of_another_project_answers_OperationNotFound_unless_for_all_projects()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { ProjectId = ProjectA };
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        var asB = await zun.GetOperation(new GetOperation { OperationId = create.OperationId, ProjectId = ProjectB });
        var asNone = await zun.GetOperation(new GetOperation { OperationId = create.OperationId });
        var asA = await zun.GetOperation(new GetOperation { OperationId = create.OperationId, ProjectId = ProjectA });
        var forAll = await zun.GetOperation(new GetOperation { OperationId = create.OperationId, ProjectId = ProjectB, AllProjects = true });

        Assert.True(asB.Is(out Response<OperationNotFound>? _));
        Assert.True(asNone.Is(out Response<OperationNotFound>? _));
        Assert.True(asA.Is(out Response<OperationInfo>? _));
        Assert.True(forAll.Is(out Response<OperationInfo>? _));
    }

    [Fact]
    public async Task An_image_pull_of_another_project_is_not_found_by_an_operation_query()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var pull = new PullImage { OperationId = Guid.NewGuid(), Image = "busybox:latest", ProjectId = ProjectA };
        await zun.Publish(pull);
        await zun.Published<ImagePulled>(e => e.OperationId == pull.OperationId);

        var asB = await zun.GetOperation(new GetOperation { OperationId = pull.OperationId, ProjectId = ProjectB });
        var asA = await zun.GetOperation(new GetOperation { OperationId = pull.OperationId, ProjectId = ProjectA });

        Assert.True(asB.Is(out Response<OperationNotFound>? _));
        Assert.True(asA.Is(out Response<OperationInfo>? _));
    }

    [Fact]
    public async Task An_operation_id_reused_without_a_project_does_not_name_the_container_of_the_project_holding_it()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { ProjectId = ProjectA };
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));
        var stop = new StopContainer { OperationId = create.OperationId, ContainerId = Guid.NewGuid(), ProjectId = null };

        await zun.Publish(stop);

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == create.OperationId);
        Assert.Contains("already used by another operation", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(create.ContainerId.ToString(), rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("create", rejected.Reason, StringComparison.Ordinal);
    }

    private static (object Command, Guid OperationId) Command(string kind, Guid containerId, string project)
    {
        var id = Guid.NewGuid();
        object command = kind switch
        {
            "start" => new StartContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "stop" => new StopContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "restart" => new RestartContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "pause" => new PauseContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "unpause" => new UnpauseContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "kill" => new KillContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            "delete" => new DeleteContainer { OperationId = id, ContainerId = containerId, Force = true, ProjectId = project },
            "update" => new UpdateContainer { OperationId = id, ContainerId = containerId, MemoryMb = 128, ProjectId = project },
            "rename" => new RenameContainer { OperationId = id, ContainerId = containerId, Name = "renamed", ProjectId = project },
            "commit" => new CommitContainer { OperationId = id, ContainerId = containerId, Repository = "snapshots/web", ProjectId = project },
            "rebuild" => new RebuildContainer { OperationId = id, ContainerId = containerId, ProjectId = project },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such command"),
        };
        return (command, id);
    }

    /// <summary>A question the container's worker answers, unless the conductor does itself.</summary>
    private static object Question(string kind, Guid containerId, string project, bool allProjects) => kind switch
    {
        "logs" => new GetContainerLogs { ContainerId = containerId, ProjectId = project, AllProjects = allProjects },
        "top" => new GetContainerTop { ContainerId = containerId, ProjectId = project, AllProjects = allProjects },
        "stats" => new GetContainerStats { ContainerId = containerId, ProjectId = project, AllProjects = allProjects },
        "exec" => new ExecInContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Command = ["true"], ProjectId = project, AllProjects = allProjects },
        "get_archive" => new GetArchive { ContainerId = containerId, Path = "/etc", ProjectId = project, AllProjects = allProjects },
        "put_archive" => new PutArchive { ContainerId = containerId, Path = "/tmp", Data = "AAAA", ProjectId = project, AllProjects = allProjects },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such question"),
    };

    /// <summary>The conductor's own answer to a question (the worker, a fake here, gives none).</summary>
    private static async Task<object> Ask(IBus bus, object question) => question switch
    {
        GetContainerLogs logs => await Answer(bus, logs),
        GetContainerTop top => await Answer(bus, top),
        GetContainerStats stats => await Answer(bus, stats),
        ExecInContainer exec => await Answer(bus, exec),
        GetArchive get => await Answer(bus, get),
        PutArchive put => await Answer(bus, put),
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "no such question"),
    };

    private static async Task<object> Answer<T>(IBus bus, T request)
        where T : class =>
        (await bus.CreateRequestClient<T>().GetResponse<RequestRejected, ContainerNotFound>(request, Ct)).Message;

    private static bool IsToWorker(MassTransit.Testing.ISentMessage message) =>
        message.Context.DestinationAddress?.AbsolutePath.EndsWith(ConductorHarness.WorkerEndpoint, StringComparison.Ordinal) == true;

    /// <summary>Makes the harness's message lists return what they hold without waiting for more.</summary>
    private static CancellationToken DoNotWait => new(canceled: true);
}
