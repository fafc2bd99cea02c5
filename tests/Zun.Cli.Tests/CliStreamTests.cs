using System.Text.Json;
using Zun.Cli.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests;

/// <summary><c>zun events</c> and <c>zun hosts</c>, which listen rather than ask, against the real system.</summary>
public sealed class CliStreamTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task Events_follow_prints_a_containers_status_changes_as_json_lines_until_ctrl_c()
    {
        await using var events = ZunCli.StartFollowing(System.RabbitUrl, "events", "--follow", "--format", "json");
        await events.WaitForLine(l => l.Contains("listening for events until Ctrl+C", StringComparison.Ordinal));

        var containerId = await System.RunContainer();
        var running = await events.WaitForLine(l =>
            l.Contains(containerId.ToString(), StringComparison.Ordinal) && l.Contains("\"status\":\"Running\"", StringComparison.Ordinal));
        // The status change is published ahead of the operation's outcome, so the outcome's line may still be on its way.
        await events.WaitForLine(l => l.Contains("\"type\":\"OperationCompleted\"", StringComparison.Ordinal)
            && l.Contains(containerId.ToString(), StringComparison.Ordinal));
        var exitCode = await events.InterruptAsync();

        using var json = JsonDocument.Parse(running);
        Assert.Equal("ContainerStatusChanged", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(containerId, json.RootElement.GetProperty("message").GetProperty("containerId").GetGuid());
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Events_for_one_container_lists_only_its_events_for_the_listening_time()
    {
        var containerId = await System.RunContainer();
        var other = await System.RunContainer();
        await using var events = ZunCli.StartFollowing(System.RabbitUrl, "events", "--container", containerId.ToString(), "--listen", "8");
        await events.WaitForLine(l => l.Contains("listening for events for 8 s", StringComparison.Ordinal));

        await System.Publish(new Contracts.KillContainer { OperationId = Guid.NewGuid(), ContainerId = other });
        var kill = new Contracts.KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        await System.Execute(kill, kill.OperationId);
        var exitCode = await events.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains(events.Stdout, l => l.Contains("OperationCompleted", StringComparison.Ordinal) && l.Contains("status=Stopped", StringComparison.Ordinal));
        Assert.All(events.Stdout, l => Assert.Contains(containerId.ToString(), l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hosts_lists_the_worker_heard_from_its_heartbeats()
    {
        var table = await ZunCli.RunAsync(System.RabbitUrl, "hosts", "--listen", "3");
        var json = await ZunCli.RunAsync(System.RabbitUrl, "hosts", "--listen", "3", "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(System.WorkerHost, table.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var parsed = JsonDocument.Parse(json.Stdout);
        var host = parsed.RootElement.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("host").GetString() == System.WorkerHost);
        Assert.True(host.GetProperty("cpus").GetInt32() > 0);
        Assert.True(host.GetProperty("memoryMb").GetInt64() > 0);
        Assert.StartsWith("zun-worker-", host.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
    }
}
