using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Container operations end to end: RabbitMQ, conductor, worker and the Docker engine, all real.</summary>
public sealed class ContainerLifecycleTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task Create_with_run_starts_a_labelled_container_in_docker()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"], run: true) with { Labels = new() { ["team"] = "a" } };

        var outcome = await System.Execute(create, create.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Running, completed.Status);
        await System.Events.WaitFor<ContainerStatusChanged>(e =>
            e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Running && e.OperationId == create.OperationId);

        var docker = await System.InspectInDocker(create.ContainerId);
        Assert.NotNull(docker);
        Assert.True(docker.State!.Running);
        var labels = docker.Config!.Labels!;
        Assert.Equal(create.ContainerId.ToString("D"), labels["zun.container-id"]);
        Assert.Equal(System.WorkerHost, labels["zun.host"]);
        Assert.Equal(create.OperationId.ToString("D"), labels["zun.operation-id"]);
        Assert.Equal("a", labels["team"]);
    }

    [Fact]
    public async Task Container_query_reports_status_host_and_operations()
    {
        var containerId = await System.RunContainer();

        var response = await System.GetContainer(containerId);

        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal(ContainerStatus.Running, info!.Message.Status);
        Assert.Equal(System.WorkerHost, info.Message.Host);
        Assert.Null(info.Message.TaskState);
        var create = Assert.Single(info.Message.RecentOperations);
        Assert.Equal(OperationState.Completed, create.State);
    }

    [Fact]
    public async Task Start_on_a_running_container_is_rejected_naming_action_and_status()
    {
        var containerId = await System.RunContainer();
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await System.Execute(start, start.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("start", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_stops_a_running_container_with_exit_code_137()
    {
        var containerId = await System.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await System.Execute(kill, kill.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Stopped, completed.Status);
        Assert.Equal(137, completed.ExitCode);
        var docker = await System.InspectInDocker(containerId);
        Assert.Equal("exited", docker!.State!.Status);
        Assert.Equal(137, docker.State.ExitCode);
    }

    [Fact]
    public async Task Stop_lets_the_container_exit_on_sigterm()
    {
        var containerId = await System.RunContainer(["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = 20 };

        var outcome = await System.Execute(stop, stop.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Stopped, completed.Status);
        Assert.Equal(0, completed.ExitCode);
    }

    [Fact]
    public async Task Delete_removes_the_container_from_docker_and_marks_it_deleted()
    {
        var containerId = await System.RunContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Stop = true };

        var outcome = await System.Execute(delete, delete.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Deleted, completed.Status);
        Assert.Null(await System.InspectInDocker(containerId));
        var response = await System.GetContainer(containerId);
        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal(ContainerStatus.Deleted, info!.Message.Status);
    }

    [Fact]
    public async Task Delete_of_a_running_container_without_stop_or_force_is_rejected()
    {
        var containerId = await System.RunContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await System.Execute(delete, delete.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("delete", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", rejected.Reason, StringComparison.Ordinal);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
    }

    [Fact]
    public async Task A_kill_published_right_after_the_create_is_applied_after_it()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"], run: true);
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };

        await System.Publish(create);
        await System.Publish(kill);

        var created = Assert.IsType<OperationCompleted>(await System.Events.Outcome(create.OperationId));
        var killed = Assert.IsType<OperationCompleted>(await System.Events.Outcome(kill.OperationId));
        Assert.Equal(ContainerStatus.Running, created.Status);
        Assert.Equal(ContainerStatus.Stopped, killed.Status);
        Assert.True(killed.Timestamp >= created.Timestamp);
    }

    [Fact]
    public async Task Create_with_an_image_that_does_not_exist_fails_naming_the_image()
    {
        var image = $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest";
        var create = ZunTestSystem.NewCreate(image: image);

        var outcome = await System.Execute(create, create.OperationId);

        var failed = Assert.IsType<OperationFailed>(outcome);
        Assert.Contains(image, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Error, failed.Status);
        var response = await System.GetContainer(create.ContainerId);
        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal(ContainerStatus.Error, info!.Message.Status);
        Assert.Contains(image, info.Message.StatusReason ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_create_makes_no_second_container()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"], run: true);

        await System.Publish(create);
        await System.Publish(create);
        await System.Events.Outcome(create.OperationId);
        var marker = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await System.Execute(marker, marker.OperationId);

        Assert.Single(System.Events.All<OperationAccepted>(e => e.OperationId == create.OperationId));
        Assert.Single(System.Events.All<OperationCompleted>(e => e.OperationId == create.OperationId));
    }
}
