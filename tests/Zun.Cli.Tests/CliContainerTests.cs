using System.Text.Json;
using Zun.Cli.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.Cli.Tests;

/// <summary>The built <c>zun</c> against a real conductor and worker on RabbitMQ and Docker, checked by its output and exit code.</summary>
public sealed class CliContainerTests(SharedZun zun)
{
    private const string Image = ZunTestSystem.BusyboxImage;

    private ZunTestSystem System => zun.System;

    private Task<CliResult> Zun(params string[] args) => ZunCli.RunAsync(System.RabbitUrl, args);

    private static string NewName() => $"cli-{Guid.NewGuid():N}"[..16];

    /// <summary>Runs a sleeping container named <paramref name="name"/> with zun and returns its id.</summary>
    private async Task<Guid> Run(string name)
    {
        var result = await Zun("run", "--wait", "--quiet", "--name", name, Image, "sleep", "300");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Guid.Parse(result.Stdout.Trim());
    }

    [Fact]
    public async Task Run_with_wait_exits_0_and_prints_the_container_id_and_Running()
    {
        var name = NewName();

        var result = await Zun("run", "--wait", "--name", name, Image, "sleep", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Running", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        var id = result.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => Guid.TryParse(w, out var g) ? g : Guid.Empty).First(g => g != Guid.Empty);
        var docker = await System.InspectInDocker(id);
        Assert.True(docker!.State!.Running);
    }

    [Fact]
    public async Task Run_with_attach_prints_the_output_exits_with_the_containers_exit_code_and_with_rm_deletes_it_after()
    {
        var id = Guid.NewGuid();

        var result = await Zun("run", "--attach", "--rm", "--id", id.ToString(), "--name", NewName(), Image, "sh", "-c", "echo out; sleep 1; echo err >&2; exit 7");

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Equal(["out", "err"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(ContainerStatus.Deleted, (await System.Info(id, project: "cli-tests")).Status);
        Assert.Null(await System.InspectInDocker(id));

        var unknownImage = await Zun("run", "--attach", Image + "-no-such-tag", "true");
        Assert.True(unknownImage.ExitCode == 125, unknownImage.ToString());
    }

    [Fact]
    public async Task Run_passes_the_command_after_the_image_even_when_it_looks_like_options()
    {
        var name = NewName();

        var result = await Zun("run", "--wait", "--quiet", "--name", name, Image, "sh", "-c", "sleep 300", "-l");

        Assert.True(result.ExitCode == 0, result.ToString());
        var docker = await System.InspectInDocker(Guid.Parse(result.Stdout.Trim()));
        Assert.Equal(["sh", "-c", "sleep 300", "-l"], docker!.Config!.Cmd);
    }

    [Fact]
    public async Task Run_with_wait_and_json_prints_the_outcome_with_camelCase_fields()
    {
        var result = await Zun("run", "--wait", "--format", "json", Image, "sleep", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["operationId", "containerId", "action", "state", "reason", "status", "exitCode", "host", "timestamp", "succeeded"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("Completed", root.GetProperty("state").GetString());
        Assert.Equal("Running", root.GetProperty("status").GetString());
        Assert.Equal("Create", root.GetProperty("action").GetString());
        Assert.Equal(System.WorkerHost, root.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Start_without_wait_on_a_running_container_exits_2_with_the_conductors_reason()
    {
        var name = NewName();
        await Run(name);

        var result = await Zun("start", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot start a container in status Running", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_without_wait_exits_0_once_accepted_and_says_the_outcome_follows()
    {
        var name = NewName();
        var id = await Run(name);

        var result = await Zun("stop", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("accepted", result.Stdout, StringComparison.Ordinal);
        await System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == id && e.Status == ContainerStatus.Stopped);
    }

    [Fact]
    public async Task Start_with_no_wait_only_publishes_and_exits_0_even_when_the_conductor_will_refuse_it()
    {
        var name = NewName();
        var id = await Run(name);

        var result = await Zun("start", "--no-wait", "--quiet", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        await System.Events.WaitFor<OperationRejected>(e => e.ContainerId == id && e.Action == ContainerAction.Start);
    }

    [Fact]
    public async Task Wait_and_no_wait_together_are_a_usage_error()
    {
        var name = NewName();
        await Run(name);

        var result = await Zun("start", "--wait", "--no-wait", name);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("--wait and --no-wait", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_without_wait_prints_the_ids_at_once_and_the_container_comes_up()
    {
        var result = await Zun("run", "--quiet", Image, "sleep", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        var id = Guid.Parse(result.Stdout.Trim());
        await System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == id && e.Status == ContainerStatus.Running);
    }

    [Fact]
    public async Task Show_finds_a_container_by_name()
    {
        var name = NewName();
        var id = await Run(name);

        var result = await Zun("show", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(id.ToString(), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Running", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(System.WorkerHost, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Create", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_has_the_field_names_of_ContainerInfo()
    {
        var name = NewName();
        var id = await Run(name);

        var result = await Zun("show", id.ToString("N")[..12], "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var expected = typeof(ContainerInfo).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();
        Assert.Equal(expected, json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal("Running", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_json_parses_and_contains_the_container()
    {
        var name = NewName();
        var id = await Run(name);

        var result = await Zun("list", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var mine = json.RootElement.GetProperty("containers").EnumerateArray()
            .Single(c => c.GetProperty("containerId").GetGuid() == id);
        Assert.Equal(name, mine.GetProperty("name").GetString());
        Assert.Equal("Running", mine.GetProperty("status").GetString());
        Assert.Equal(System.WorkerHost, mine.GetProperty("host").GetString());
    }

    [Fact]
    public async Task List_filters_by_name_and_status_and_shows_a_table()
    {
        var name = NewName();
        var id = await Run(name);

        var table = await Zun("list", "--name", name, "--status", "Running", "--host", System.WorkerHost);
        var stopped = await Zun("list", "--name", name, "--status", "Stopped", "--quiet");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(id.ToString("N")[..12], table.Stdout, StringComparison.Ordinal);
        Assert.Contains(name, table.Stdout, StringComparison.Ordinal);
        Assert.Equal("", stopped.Stdout.Trim());
    }

    [Fact]
    public async Task Kill_with_wait_stops_the_container_with_exit_code_137()
    {
        var name = NewName();
        await Run(name);

        var result = await Zun("kill", name, "--wait", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Stopped", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(137, json.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Stop_then_rm_deletes_the_container_from_docker()
    {
        var name = NewName();
        var id = await Run(name);

        var stop = await Zun("stop", name, "--time", "1", "--wait");
        var rm = await Zun("rm", name, "--wait");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("Stopped", stop.Stdout, StringComparison.Ordinal);
        Assert.True(rm.ExitCode == 0, rm.ToString());
        Assert.Contains("Deleted", rm.Stdout, StringComparison.Ordinal);
        Assert.Null(await System.InspectInDocker(id));
    }

    [Fact]
    public async Task Rm_with_stop_deletes_a_running_container()
    {
        // A shell that exits on SIGTERM, so the stop does not wait out the worker's stop timeout.
        var result = await Zun("run", "--wait", "--quiet", Image, "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done");
        Assert.True(result.ExitCode == 0, result.ToString());
        var id = Guid.Parse(result.Stdout.Trim());

        var rm = await Zun("rm", id.ToString(), "--stop", "--wait", "--timeout", "60");

        Assert.True(rm.ExitCode == 0, rm.ToString());
        Assert.Null(await System.InspectInDocker(id));
    }

    [Fact]
    public async Task Rm_of_a_running_container_without_stop_or_force_exits_2_naming_delete_and_Running()
    {
        var name = NewName();
        await Run(name);

        var rm = await Zun("rm", name, "--wait");

        Assert.Equal(2, rm.ExitCode);
        var line = Assert.Single(rm.StderrLines);
        Assert.Contains("delete", line, StringComparison.Ordinal);
        Assert.Contains("Running", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_on_a_running_container_exits_2_with_one_line_naming_start_and_Running()
    {
        var name = NewName();
        await Run(name);

        var result = await Zun("start", name, "--wait");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("zun: start rejected:", line, StringComparison.Ordinal);
        Assert.Contains("Running", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_then_start_by_name()
    {
        var name = NewName();

        var create = await Zun("create", "--wait", "--name", name, Image, "sleep", "300");
        var start = await Zun("start", name, "--wait");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("Created", create.Stdout, StringComparison.Ordinal);
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("Running", start.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_then_show_by_the_new_name()
    {
        var name = NewName();
        var id = await Run(name);
        var renamed = NewName();

        var rename = await Zun("rename", name, renamed, "--wait");
        var show = await Zun("show", renamed, "--format", "json");

        Assert.True(rename.ExitCode == 0, rename.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal(id, json.RootElement.GetProperty("containerId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_container_name_exits_5_with_a_clear_error()
    {
        var result = await Zun("stop", "no-such-container-here", "--wait");

        Assert.Equal(5, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("no container named 'no-such-container-here'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_containers_with_one_name_make_the_name_ambiguous()
    {
        var name = NewName();
        await Run(name);
        await Run(name);

        var result = await Zun("show", name);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("matches 2 containers", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_create_exits_1_naming_the_image()
    {
        var image = $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest";

        var result = await Zun("run", "--wait", image);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("zun: create failed:", line, StringComparison.Ordinal);
        Assert.Contains(image, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_show_prints_how_an_operation_ended()
    {
        var operationId = Guid.NewGuid();
        var run = await Zun("run", "--wait", "--operation-id", operationId.ToString(), Image, "sleep", "300");

        var table = await Zun("operation", "show", operationId.ToString());
        var json = await Zun("operation", "show", operationId.ToString(), "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Completed", table.Stdout, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json.Stdout);
        Assert.Equal(operationId, parsed.RootElement.GetProperty("operationId").GetGuid());
        Assert.Equal("Create", parsed.RootElement.GetProperty("action").GetString());
        Assert.Equal("Completed", parsed.RootElement.GetProperty("state").GetString());
        Assert.Equal(System.WorkerHost, parsed.RootElement.GetProperty("host").GetString());
    }

    [Fact]
    public async Task Operation_show_of_an_unknown_operation_exits_5()
    {
        var result = await Zun("operation", "show", Guid.NewGuid().ToString());

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("not found", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_of_the_seeded_image_completes_on_the_worker()
    {
        var result = await Zun("pull", Image, "--wait", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("PullImage", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("Completed", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(System.WorkerHost, json.RootElement.GetProperty("host").GetString());
    }
}
