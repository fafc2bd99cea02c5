using System.Text.Json;
using Zun.Cli.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests;

/// <summary><c>zun quota</c> on the shared system, in a project of the test's own (the system's configured defaults are unlimited).</summary>
public sealed class CliQuotaTests(SharedZun zun)
{
    [Fact]
    public async Task Quota_update_limits_the_project_show_gives_its_usage_a_create_past_it_is_refused_and_delete_restores_the_defaults()
    {
        var system = zun.System;
        var project = $"cli-quota-{Guid.NewGuid():N}"[..24];

        var update = await ZunCli.RunAsync(system.RabbitUrl, "quota", "update", project, "--containers", "1", "--cpu", "4", "--format", "json");
        var create = ZunTestSystem.NewCreate() with { ProjectId = project, Run = false };
        Assert.IsType<Contracts.OperationCompleted>(await system.Execute(create, create.OperationId));
        var over = ZunTestSystem.NewCreate() with { ProjectId = project, Run = false };
        var refused = Assert.IsType<Contracts.OperationRejected>(await system.Execute(over, over.OperationId));
        var show = await ZunCli.RunAsync(system.RabbitUrl, "quota", "show", project, "--usages");
        var delete = await ZunCli.RunAsync(system.RabbitUrl, "quota", "delete", project, "--format", "json");

        Assert.True(update.ExitCode == 0, update.ToString());
        using (var limits = JsonDocument.Parse(update.Stdout))
        {
            var set = limits.RootElement.GetProperty("limits");
            Assert.Equal((1, 4, -1), (set.GetProperty("containers").GetInt32(), set.GetProperty("cpu").GetInt32(), set.GetProperty("memoryMb").GetInt32()));
        }

        Assert.Equal($"quota exceeded for project {project}: containers limit 1, 1 in use, 1 more asked", refused.Reason);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Matches(@"containers\s*│\s*1\s*│\s*1\b", show.Stdout);
        Assert.Matches(@"memory\s*│\s*unlimited\s*│\s*512 MiB", show.Stdout);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        using var restored = JsonDocument.Parse(delete.Stdout);
        Assert.Equal(-1, restored.RootElement.GetProperty("limits").GetProperty("containers").GetInt32());

        var remove = new Contracts.DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, ProjectId = project, Force = true };
        Assert.IsType<Contracts.OperationCompleted>(await system.Execute(remove, remove.OperationId));
    }
}
