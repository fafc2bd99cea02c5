using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Listing containers and renaming them: answered from the conductor's records.</summary>
public sealed class ContainerQueryTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task List_shows_the_callers_project_filtered_by_status_and_leaves_out_deleted_containers()
    {
        var project = $"list-{Guid.NewGuid():N}";
        var running = ZunTestSystem.NewCreate(["sleep", "300"], run: true) with { ProjectId = project };
        var created = ZunTestSystem.NewCreate(["sleep", "300"], run: false) with { ProjectId = project };
        var deleted = ZunTestSystem.NewCreate(["sleep", "300"], run: false) with { ProjectId = project };
        foreach (var create in new[] { running, created, deleted })
            Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = deleted.ContainerId, ProjectId = project };
        Assert.IsType<OperationCompleted>(await System.Execute(delete, delete.OperationId));

        var all = await List(new ListContainers { ProjectId = project });
        var onlyRunning = await List(new ListContainers { ProjectId = project, Status = ContainerStatus.Running });
        var withDeleted = await List(new ListContainers { ProjectId = project, IncludeDeleted = true });

        Assert.Equal([running.ContainerId, created.ContainerId], all.Containers.Select(c => c.ContainerId));
        Assert.Equal([running.ContainerId], onlyRunning.Containers.Select(c => c.ContainerId));
        Assert.Equal(3, withDeleted.Containers.Length);
    }

    [Fact]
    public async Task Rename_changes_the_name_without_touching_the_container()
    {
        var containerId = await System.RunContainer();
        var name = $"renamed-{Guid.NewGuid():N}"[..20];
        var rename = new RenameContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Name = name };

        var outcome = await System.Execute(rename, rename.OperationId);

        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(outcome).Status);
        var byName = await List(new ListContainers { Name = name });
        Assert.Equal(containerId, Assert.Single(byName.Containers).ContainerId);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
    }

    private async Task<ContainerList> List(ListContainers request)
    {
        var client = System.Client.Services.GetRequiredService<IRequestClient<ListContainers>>();
        var response = await client.GetResponse<ContainerList>(request, TestContext.Current.CancellationToken);
        return response.Message;
    }
}
