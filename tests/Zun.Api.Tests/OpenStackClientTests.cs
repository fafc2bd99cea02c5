using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>
/// Debian's unmodified <c>openstack appcontainer</c>, run as a process against zun-api with no Keystone, with no
/// microversion given (the client negotiates it from <c>GET /</c>); each command's output and exit code, and the
/// container's real state in Docker.
/// </summary>
public sealed class OpenStackClientTests(ApiZun zun)
{
    private readonly OpenStackCli _openstack = new(zun.V1);

    private static string NewName() => $"osc-{Guid.NewGuid():N}"[..16];

    private async Task<(string Name, Guid Id)> RunningContainer(params string[] command)
    {
        var name = NewName();
        var shown = await _openstack.JsonAsync(["run", "--wait", "--name", name, ApiCalls.Busybox, .. (command.Length > 0 ? command : ["sleep", "300"])]);
        Assert.Equal("Running", shown["status"]!.GetValue<string>());
        return (name, Guid.Parse(shown["uuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_with_wait_prints_the_running_container_and_docker_runs_it()
    {
        var (name, id) = await RunningContainer();

        var docker = await zun.System.InspectInDocker(id);
        Assert.True(docker?.State?.Running == true, "the container runs in Docker");
        var shown = await _openstack.JsonAsync("show", name);
        Assert.Equal((name, "Running"), (shown["name"]!.GetValue<string>(), shown["status"]!.GetValue<string>()));
        var listed = await _openstack.JsonAsync("list");
        Assert.Contains(listed.AsArray(), c => c!["name"]!.GetValue<string>() == name && c["status"]!.GetValue<string>() == "Running");
    }

    [Fact]
    public async Task Create_makes_a_created_container_that_start_runs()
    {
        var name = NewName();
        var created = await _openstack.JsonAsync("create", "--name", name, ApiCalls.Busybox, "sleep", "300");
        var id = Guid.Parse(created["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Created);
        Assert.False((await zun.System.InspectInDocker(id))?.State?.Running ?? true);

        await _openstack.SucceedAsync("start", name);
        await zun.System.Reaches(id, ContainerStatus.Running);
        Assert.True((await zun.System.InspectInDocker(id))?.State?.Running == true);
    }

    [Fact]
    public async Task Logs_and_exec_print_what_the_container_printed()
    {
        var (name, _) = await RunningContainer("sh", "-c", "echo hello-from-zun; sleep 300");

        var logs = await _openstack.SucceedAsync("logs", name);
        Assert.Contains("hello-from-zun", logs);
        var exec = await _openstack.RunAsync("exec", name, "sh", "-c", "echo exec-output; exit 3");
        Assert.Contains("exec-output", exec.Output);
        Assert.Equal(3, exec.ExitCode);
    }

    [Fact]
    public async Task Stop_start_restart_pause_unpause_and_kill_change_the_container_in_docker()
    {
        var (name, id) = await RunningContainer();

        // busybox's sleep ignores SIGTERM: a short timeout spares the test Docker's whole grace before SIGKILL.
        await _openstack.SucceedAsync("stop", "--timeout", "1", name);
        await zun.System.Reaches(id, ContainerStatus.Stopped);
        Assert.False((await zun.System.DockerState(id)).Running);

        await _openstack.SucceedAsync("start", name);
        await zun.System.Reaches(id, ContainerStatus.Running);

        var restarted = zun.System.Events.WaitFor<OperationCompleted>(c => c.ContainerId == id && c.Action == ContainerAction.Restart, TimeSpan.FromSeconds(60));
        await _openstack.SucceedAsync("restart", "--timeout", "1", name);
        await restarted;
        Assert.True((await zun.System.DockerState(id)).Running);

        await _openstack.SucceedAsync("pause", name);
        await zun.System.Reaches(id, ContainerStatus.Paused);
        Assert.True((await zun.System.DockerState(id)).Paused);

        await _openstack.SucceedAsync("unpause", name);
        await zun.System.Reaches(id, ContainerStatus.Running);
        Assert.False((await zun.System.DockerState(id)).Paused);

        await _openstack.SucceedAsync("kill", name);
        await zun.System.Reaches(id, ContainerStatus.Stopped);
        Assert.Equal(137, (await zun.System.DockerState(id)).ExitCode);
    }

    [Fact]
    public async Task A_refused_action_prints_the_conductors_reason()
    {
        var (name, _) = await RunningContainer();

        // python-zunclient's start prints a failure per container and exits 0 itself, whatever the API answers.
        var refused = await _openstack.SucceedAsync("start", name);
        Assert.Contains("cannot start a container in status Running", refused);
        Assert.Contains("HTTP 409", refused);
    }

    [Fact]
    public async Task Cp_copies_a_file_into_the_container_and_back_out_byte_for_byte()
    {
        var name = NewName();
        using var http = zun.Http("1.40");
        await zun.System.Reaches(Guid.Parse((await http.CreateAsync(name))["uuid"]!.GetValue<string>()), ContainerStatus.Running);
        var local = Directory.CreateTempSubdirectory("zun-osc-cp-").FullName;
        var content = Testing.TarArchive.Binary(50_000);
        File.WriteAllBytes(Path.Combine(local, "upload.bin"), content);

        try
        {
            await _openstack.SucceedAsync("cp", Path.Combine(local, "upload.bin"), $"{name}:/tmp");
            await _openstack.SucceedAsync("cp", $"{name}:/tmp/upload.bin", Path.Combine(local, "back"));

            // python-zunclient extracts the archive into the destination, as a directory.
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(local, "back", "upload.bin")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Set_changes_memory_and_name()
    {
        var (name, id) = await RunningContainer();
        var renamed = NewName();

        await _openstack.SucceedAsync("set", "--memory", "64", "--name", renamed, name);
        var shown = await _openstack.JsonAsync("show", renamed);
        Assert.Equal((renamed, "64"), (shown["name"]!.GetValue<string>(), shown["memory"]!.GetValue<string>()));
        Assert.Equal(64L * 1024 * 1024, (await zun.System.InDocker(id)).HostConfig?.Memory);
    }

    [Fact]
    public async Task Stats_show_upstreams_columns_and_top_reaches_the_clients_own_printing()
    {
        var (name, _) = await RunningContainer();

        var stats = await _openstack.SucceedAsync("stats", name);
        Assert.Contains("MEM USAGE(MiB)", stats);
        Assert.Contains("BLOCK I/O(B)", stats);

        // Debian's zunclient 4.5.0 prints top with Python 2's print syntax and fails after the API answered: the
        // first title reaches its print. The answer itself is checked through the Python API (PythonClientTests).
        var top = await _openstack.RunAsync("top", name);
        Assert.Contains("unsupported operand type(s) for %", top.Errors);
        Assert.StartsWith("%-20s", top.Output);
    }

    [Fact]
    public async Task Commit_and_rebuild_keep_the_container_running()
    {
        var (name, id) = await RunningContainer();

        // The client splits "repository:tag" at every colon, so a registry with a port cannot be named here.
        var repository = $"osc-commit-{Guid.NewGuid():N}"[..24];
        var committed = zun.System.Events.WaitFor<OperationCompleted>(c => c.ContainerId == id && c.Action == ContainerAction.Commit, TimeSpan.FromSeconds(90));
        await _openstack.SucceedAsync("commit", name, $"{repository}:v1");
        await committed;

        var rebuilt = zun.System.Events.WaitFor<OperationCompleted>(c => c.ContainerId == id && c.Action == ContainerAction.Rebuild, TimeSpan.FromSeconds(90));
        await _openstack.SucceedAsync("rebuild", name);
        await rebuilt;
        Assert.True((await zun.System.DockerState(id)).Running);
    }

    [Fact]
    public async Task Action_list_and_show_follow_the_requests_made()
    {
        var (name, _) = await RunningContainer();
        await _openstack.SucceedAsync("stop", "--timeout", "1", name);

        var actions = await _openstack.JsonAsync("action", "list", name);
        var names = actions.AsArray().Select(a => (a!["Action"] ?? a["action"])!.GetValue<string>()).ToList();
        Assert.Contains("create", names);
        Assert.Contains("stop", names);

        var first = actions.AsArray().First()!;
        var requestId = (first["Request_id"] ?? first["request_id"])!.GetValue<string>();
        var shown = await _openstack.JsonAsync("action", "show", name, requestId);
        Assert.Equal(requestId, shown["request_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_with_wait_removes_the_container_from_docker()
    {
        var (name, id) = await RunningContainer();

        await _openstack.SucceedAsync("delete", "--stop", "--wait", name);
        Assert.Null(await zun.System.InspectInDocker(id));
        var missing = await _openstack.RunAsync("show", name);
        Assert.NotEqual(0, missing.ExitCode);
    }

    [Fact]
    public async Task Host_list_and_show_and_service_list_show_the_worker()
    {
        var hosts = await _openstack.JsonAsync("host", "list");
        var host = Assert.Single(hosts.AsArray(), h => h!["hostname"]!.GetValue<string>() == zun.System.WorkerHost)!;
        Assert.True(host["cpus"]!.GetValue<int>() > 0);

        var shown = await _openstack.JsonAsync("host", "show", host["uuid"]!.GetValue<string>());
        Assert.Equal(zun.System.WorkerHost, shown["hostname"]!.GetValue<string>());

        var services = await _openstack.JsonAsync("service", "list");
        var service = Assert.Single(services.AsArray(), s => s!["Host"]!.GetValue<string>() == zun.System.WorkerHost)!;
        Assert.Equal(("zun-compute", "up"), (service["Binary"]!.GetValue<string>(), service["State"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Host_show_describes_the_machine_as_docker_info_and_uname_do()
    {
        var docker = JsonNode.Parse((await DebianProcess.RunAsync("docker", ["info", "--format", "{{json .}}"])).Output)!;
        var kernel = (await DebianProcess.RunAsync("uname", ["-r"])).Output.Trim();

        var shown = await _openstack.JsonAsync("host", "show", zun.System.WorkerHost);

        Assert.Equal(
            (docker["Architecture"]!.GetValue<string>(), docker["OperatingSystem"]!.GetValue<string>(), docker["OSType"]!.GetValue<string>(), kernel),
            (shown["architecture"]!.GetValue<string>(), shown["os"]!.GetValue<string>(), shown["os_type"]!.GetValue<string>(), shown["kernel_version"]!.GetValue<string>()));
        var engineLabels = docker["Labels"]!.AsArray().Select(l => l!.GetValue<string>()).Order();
        Assert.Equal(engineLabels, shown["labels"]!.AsObject().Select(l => $"{l.Key}={l.Value}").Order());
        Assert.Equal(docker["Runtimes"]!.AsObject().Select(r => r.Key).Order(), shown["runtimes"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        Assert.True(shown["disk_total"]!.GetValue<long>() > 0, "the disk of Docker's data root is reported");
        Assert.False(shown["disk_quota_supported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Image_pull_pulls_the_image_onto_the_worker()
    {
        var pulled = zun.System.Events.WaitFor<ImagePulled>(p => p.Image == ApiCalls.Busybox, TimeSpan.FromSeconds(90));
        var image = await _openstack.JsonAsync("image", "pull", ApiCalls.Busybox, zun.System.WorkerHost);
        Assert.Equal("127.0.0.1:5000/busybox", image["repo"]!.GetValue<string>());
        await pulled;
    }
}
