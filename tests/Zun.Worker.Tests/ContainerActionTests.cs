using System.Net.Sockets;
using System.Text;
using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.Worker.Consumers;
using Zun.Worker.LiveState;
using Zun.Worker.Runtime;
using Zun.Worker.Tests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;
using RestartPolicy = Zun.Contracts.RestartPolicy;

namespace Zun.Worker.Tests;

/// <summary>The worker's actions, carried out by its handler on the real Docker engine.</summary>
public sealed class ContainerActionTests(DockerHost docker)
{
    private readonly TestWorker _worker = docker.NewWorker();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_honours_entrypoint_environment_workdir_and_publishes_exposed_ports()
    {
        var spec = docker.Spec() with
        {
            Entrypoint = ["sh", "-c"],
            Command = ["echo \"$GREETING from $(pwd)\"; exec httpd -f -p 8080 -h /srv"],
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
            Workdir = "/srv",
            ExposedPorts = ["8080"],
        };

        var (containerId, container) = await _worker.Create(spec);

        Assert.Equal(ContainerStatus.Running, container.Status);
        var port = Assert.Single(container.Ports);
        Assert.Equal("8080/tcp", port.ContainerPort);
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.InRange(port.HostPort, 1, 65535);

        var answer = await Eventually.Get(
            () => HttpGet(port.HostPort), a => a?.StartsWith("HTTP/1.", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10),
            $"an HTTP answer on 127.0.0.1:{port.HostPort}");
        Assert.StartsWith("HTTP/1.", answer, StringComparison.Ordinal);

        var inspected = await docker.Inspect(containerId);
        Assert.Equal(["sh", "-c"], inspected.Config.Entrypoint);
        Assert.Contains("GREETING=hello", inspected.Config.Env);
        Assert.Equal("/srv", inspected.Config.WorkingDir);
        var logs = await _worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs(), Cancellation);
        Assert.Equal("hello from /srv\n", logs!.Output);
    }

    [Fact]
    public async Task A_repeated_create_whose_never_started_container_the_engine_refuses_to_start_makes_it_afresh_and_runs_it()
    {
        var (containerId, _) = await _worker.Create(docker.Spec("sleep", "300"), run: false);
        var first = await docker.Inspect(containerId);
        var refusing = new ContainerActionHandler(StartRefusingRuntime.Wrap(_worker.Runtime), _worker.Mounts, new OwnActionEchoes(TimeProvider.System), Microsoft.Extensions.Options.Options.Create(_worker.Options));

        var outcome = await refusing.Handle(_worker.Action(ContainerAction.Create, containerId) with { Spec = docker.Spec("sleep", "300"), Run = true }, Cancellation);

        Assert.Equal(ContainerStatus.Running, outcome.Container?.Status);
        var made = await docker.Inspect(containerId);
        Assert.NotEqual(first.Response.ID, made.Response.ID);
        Assert.True(made.State.Running);
    }

    [Fact]
    public async Task A_repeated_create_whose_container_has_run_is_not_made_afresh_when_its_start_is_refused()
    {
        var (containerId, _) = await _worker.Run("sh", "-c", "exit 0");
        await _worker.Runtime.WaitForExitAsync(containerId, TimeSpan.FromSeconds(10), Cancellation);
        var first = await docker.Inspect(containerId);
        var refusing = new ContainerActionHandler(StartRefusingRuntime.Wrap(_worker.Runtime), _worker.Mounts, new OwnActionEchoes(TimeProvider.System), Microsoft.Extensions.Options.Options.Create(_worker.Options));

        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => refusing.Handle(_worker.Action(ContainerAction.Create, containerId) with { Spec = docker.Spec("sh", "-c", "exit 0"), Run = true }, Cancellation));

        Assert.Contains("already exists", failure.Message);
        Assert.Equal(first.Response.ID, (await docker.Inspect(containerId)).Response.ID);
    }

    [Fact]
    public async Task Create_sets_restart_policy_auto_remove_runtime_tty_interactive_and_privileged()
    {
        var spec = docker.Spec() with
        {
            RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 4 },
            Runtime = "runc",
            Interactive = true,
            Tty = true,
            Privileged = true,
        };

        var (containerId, _) = await _worker.Create(spec, run: false);
        var (autoRemovedId, autoRemoved) = await _worker.Create(docker.Spec() with { AutoRemove = true }, run: false);

        var inspected = await docker.Inspect(containerId);
        Assert.Equal(RestartPolicyKind.OnFailure, inspected.HostConfig.RestartPolicy.Name);
        Assert.Equal(4, inspected.HostConfig.RestartPolicy.MaximumRetryCount);
        Assert.Equal("runc", inspected.HostConfig.Runtime);
        Assert.True(inspected.Config.OpenStdin);
        Assert.True(inspected.Config.Tty);
        Assert.True(inspected.HostConfig.Privileged);
        Assert.True(autoRemoved.AutoRemove);
        Assert.Equal("true", (await docker.Inspect(autoRemovedId)).Config.Labels[ContainerLabels.AutoRemove]);
    }

    [Fact]
    public async Task Create_with_pull_policy_never_fails_for_a_missing_image_naming_image_host_and_policy()
    {
        var image = $"127.0.0.1:5000/zun-worker-test-{docker.RunId}/absent:1";

        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => _worker.Create(docker.Spec() with { Image = image, ImagePullPolicy = "never" }));

        Assert.Contains(image, failure.Message, StringComparison.Ordinal);
        Assert.Contains(_worker.Host, failure.Message, StringComparison.Ordinal);
        Assert.Contains("'never'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_starts_the_container_again()
    {
        var (containerId, _) = await _worker.Run();
        var startedBefore = (await docker.Inspect(containerId)).State.StartedAt;

        var outcome = await _worker.Do(_worker.Action(ContainerAction.Restart, containerId) with { TimeoutSeconds = 0 });

        Assert.Equal(ContainerStatus.Running, outcome.Container!.Status);
        Assert.NotEqual(startedBefore, (await docker.Inspect(containerId)).State.StartedAt);
    }

    [Fact]
    public async Task Pause_then_unpause_reports_paused_then_running()
    {
        var (containerId, _) = await _worker.Run();

        var paused = await _worker.Do(ContainerAction.Pause, containerId);
        var pausedInDocker = (await docker.Inspect(containerId)).State.Paused;
        var pausedAgain = await _worker.Do(ContainerAction.Pause, containerId);
        var unpaused = await _worker.Do(ContainerAction.Unpause, containerId);

        Assert.Equal(ContainerStatus.Paused, paused.Container!.Status);
        Assert.True(pausedInDocker);
        Assert.Equal(ContainerStatus.Paused, pausedAgain.Container!.Status);
        Assert.Equal(ContainerStatus.Running, unpaused.Container!.Status);
        Assert.False((await docker.Inspect(containerId)).State.Paused);
    }

    [Fact]
    public async Task Update_applies_cpu_and_memory_live_raising_and_lowering_memory()
    {
        var (containerId, _) = await _worker.Create(docker.Spec() with { Cpu = 0.5, MemoryMb = 64 });

        // 256 MiB is above the 128 MiB of memory+swap the container was created with: Docker's swap rule applies.
        var raised = await _worker.Do(_worker.Action(ContainerAction.Update, containerId) with { Cpu = 1.5, MemoryMb = 256 });
        var afterRaise = await docker.Inspect(containerId);
        var lowered = await _worker.Do(_worker.Action(ContainerAction.Update, containerId) with { MemoryMb = 32 });
        var afterLower = await docker.Inspect(containerId);

        Assert.Equal(ContainerStatus.Running, raised.Container!.Status);
        Assert.Equal(1_500_000_000, afterRaise.HostConfig.NanoCPUs);
        Assert.Equal(256L * 1024 * 1024, afterRaise.HostConfig.Memory);
        Assert.Equal(ContainerStatus.Running, lowered.Container!.Status);
        Assert.Equal(1_500_000_000, afterLower.HostConfig.NanoCPUs);
        Assert.Equal(32L * 1024 * 1024, afterLower.HostConfig.Memory);
    }

    [Fact]
    public async Task Commit_makes_an_image_of_the_container_and_leaves_it_running()
    {
        var (containerId, _) = await _worker.Run("sh", "-c", "echo committed > /marker; exec sleep 300");
        var repository = docker.ImageRepository("committed");

        var outcome = await _worker.Do(_worker.Action(ContainerAction.Commit, containerId) with { Repository = repository, Tag = "v1" });

        Assert.StartsWith("sha256:", outcome.ImageId, StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Running, outcome.Container!.Status);
        var image = await docker.Docker.Images.InspectImageAsync($"{repository}:v1", Cancellation);
        Assert.Equal(outcome.ImageId, image.ID);
        await docker.Docker.Images.DeleteImageAsync($"{repository}:v1", new ImageDeleteParameters { Force = true }, Cancellation);
    }

    [Fact]
    public async Task Rebuild_replaces_the_container_under_the_same_name_and_labels_from_the_new_image_and_runs_it()
    {
        var (containerId, old) = await _worker.Run();
        var repository = docker.ImageRepository("rebuild");
        await docker.Docker.Images.TagImageAsync(DockerHost.BusyboxImage, new ImageTagParameters { RepositoryName = repository, Tag = "v2" }, Cancellation);
        var rebuild = _worker.Action(ContainerAction.Rebuild, containerId) with
        {
            Spec = docker.Spec("sleep", "301") with { Image = $"{repository}:v2", ImagePullPolicy = "never" },
        };

        var outcome = await _worker.Do(rebuild);
        var redelivered = await _worker.Do(rebuild);

        Assert.Equal(ContainerStatus.Running, outcome.Container!.Status);
        Assert.NotEqual(old.RuntimeId, outcome.Container.RuntimeId);
        Assert.Equal(outcome.Container.RuntimeId, redelivered.Container!.RuntimeId);
        var inspected = await docker.Inspect(containerId);
        Assert.Equal($"/zun-{containerId:D}", inspected.Name);
        Assert.Equal($"{repository}:v2", inspected.Config.Image);
        Assert.Equal(["sleep", "301"], inspected.Config.Cmd);
        Assert.Equal(containerId.ToString("D"), inspected.Config.Labels[ContainerLabels.ContainerId]);
        Assert.Equal(_worker.Host, inspected.Config.Labels[ContainerLabels.Host]);
        Assert.Equal(rebuild.OperationId.ToString("D"), inspected.Config.Labels[ContainerLabels.OperationId]);
        Assert.Equal(docker.RunId, inspected.Config.Labels[DockerHost.RunLabel]);
    }

    [Fact]
    public async Task Rename_reaching_the_worker_changes_nothing()
    {
        var (containerId, _) = await _worker.Run();
        var before = await docker.Inspect(containerId);

        var outcome = await _worker.Do(ContainerAction.Rename, containerId);

        Assert.Equal(before.Response.ID, outcome.Container!.RuntimeId);
        Assert.Equal(ContainerStatus.Running, outcome.Container.Status);
        Assert.Equal($"/zun-{containerId:D}", (await docker.Inspect(containerId)).Name);
    }

    private static async Task<string?> HttpGet(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, Cancellation);
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), Cancellation);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, Cancellation);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return null; // Docker's proxy accepted, but nothing listens in the container yet
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
