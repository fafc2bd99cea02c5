using System.Net;
using System.Text;
using System.Diagnostics;
using Docker.DotNet;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Volumes;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Zun volumes and mounts end to end: the conductor's records and placement, the worker and real Docker volumes.</summary>
public sealed class VolumeTests(SharedZun zun, ITestOutputHelper output)
{
    private static readonly TimeSpan DockerDeadline = TimeSpan.FromSeconds(15);

    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_volume_is_a_labelled_Docker_volume_on_its_host_and_is_listed_and_shown()
    {
        var clock = Stopwatch.StartNew();
        var volume = await CreateVolume("it-vol-" + Guid.NewGuid().ToString("N")[..8], sizeGb: 2);
        output.WriteLine($"volume create answered in {clock.ElapsedMilliseconds} ms");

        var inDocker = await System.Docker.Volumes.InspectAsync(volume.DockerVolume);
        Assert.Equal((volume.VolumeId.ToString("D"), "2", System.WorkerHost), (inDocker.Labels["zun.volume-id"], inDocker.Labels["zun.volume-size-gb"], inDocker.Labels["zun.host"]));
        Assert.Equal(("local", VolumeStatus.Available, System.WorkerHost), (inDocker.Driver, volume.Status, volume.Host));
        Assert.Equal(volume.VolumeId, (await AskVolume(new GetVolume { Volume = volume.Name! })).VolumeId);
        Assert.Contains(await ListVolumes(), v => v.VolumeId == volume.VolumeId);
    }

    [Fact]
    public async Task A_file_written_into_a_volume_survives_stop_and_start_restart_and_rebuild()
    {
        var volume = await CreateVolume("it-data-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        var containerId = await Run(new ContainerMount { Source = volume.Name, Destination = "/data" });
        output.WriteLine($"container with a volume created and running in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, (await Exec(containerId, "echo kept > /data/f")).ExitCode);

        await Complete(new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = 1 });
        await Complete(new StartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId });
        var afterStart = (await Exec(containerId, "cat /data/f")).Output;
        await Complete(new RestartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = 1 });
        var afterRestart = (await Exec(containerId, "cat /data/f")).Output;
        var before = await System.InspectInDocker(containerId);
        await Complete(new RebuildContainer { OperationId = Guid.NewGuid(), ContainerId = containerId });
        var afterRebuild = (await Exec(containerId, "cat /data/f")).Output;

        Assert.NotEqual(before!.ID, (await System.InspectInDocker(containerId))!.ID);
        Assert.Equal(["kept", "kept", "kept"], new[] { afterStart, afterRestart, afterRebuild }.Select(o => o.Trim()));
        Assert.Equal([containerId], (await AskVolume(new GetVolume { Volume = volume.VolumeId.ToString() })).AttachedTo);
    }

    [Fact]
    public async Task Deleting_a_container_removes_its_own_volume_and_keeps_the_named_one()
    {
        var named = await CreateVolume("it-keep-" + Guid.NewGuid().ToString("N")[..8]);
        var containerId = await Run(
            new ContainerMount { Source = named.VolumeId.ToString(), Destination = "/kept" },
            new ContainerMount { SizeGb = 1, Destination = "/scratch" });
        var own = (await ListVolumes()).Single(v => v.AutoRemove && v.AttachedTo.Contains(containerId));
        Assert.Equal(0, (await Exec(containerId, "echo x > /scratch/f && echo y > /kept/f")).ExitCode);
        Assert.Equal((System.WorkerHost, "1"), (own.Host, (await System.Docker.Volumes.InspectAsync(own.DockerVolume)).Labels["zun.volume-size-gb"]));

        await Complete(new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Force = true });

        await UntilGoneFromDocker(own.DockerVolume);
        var kept = await AskVolume(new GetVolume { Volume = named.Name! });
        Assert.Equal((VolumeStatus.Available, 0), (kept.Status, kept.AttachedTo.Length));
        Assert.NotNull(await System.Docker.Volumes.InspectAsync(named.DockerVolume));
        Assert.DoesNotContain(await ListVolumes(), v => v.VolumeId == own.VolumeId);
    }

    [Fact]
    public async Task An_injected_file_is_readable_inside_the_container_before_its_command_runs()
    {
        var content = "port = 8080\nname = zun\n";
        var containerId = await Run(["sh", "-c", "cp /etc/app/app.conf /tmp/seen-at-start && sleep 300"],
            new ContainerMount { Type = "bind", Source = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), Destination = "/etc/app/app.conf", ReadOnly = true });

        var seen = await Exec(containerId, "cat /tmp/seen-at-start");
        var mode = await Exec(containerId, "stat -c %a /etc/app/app.conf");

        Assert.Equal((0, content), (seen.ExitCode, seen.Output));
        Assert.Equal("444", mode.Output.Trim());
    }

    [Fact]
    public async Task A_volume_in_use_is_not_deleted_and_the_refusal_names_its_container()
    {
        var volume = await CreateVolume("it-busy-" + Guid.NewGuid().ToString("N")[..8]);
        var create = ZunTestSystem.NewCreate() with { Name = "it-user-" + Guid.NewGuid().ToString("N")[..8], Mounts = [new ContainerMount { Source = volume.Name, Destination = "/data" }] };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        var refused = await Ask(new DeleteVolume { Volume = volume.Name! });

        Assert.Equal($"volume {volume.Name} ({volume.VolumeId:D}) is in use by container {create.Name} ({create.ContainerId:D}): delete it first", Assert.IsType<RequestRejected>(refused).Reason);
        Assert.NotNull(await System.Docker.Volumes.InspectAsync(volume.DockerVolume));
        await Complete(new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true });
        Assert.Equal(VolumeStatus.Deleted, Assert.IsType<VolumeInfo>(await Ask(new DeleteVolume { Volume = volume.Name! })).Status);
        await UntilGoneFromDocker(volume.DockerVolume);
    }

    public static TheoryData<string, ContainerMount, string> BadMounts => new()
    {
        { "relative", new ContainerMount { SizeGb = 1, Destination = "data" }, "mounts[0]: destination 'data' is relative: it must be an absolute path in the container" },
        { "dot-dot", new ContainerMount { SizeGb = 1, Destination = "/data/../etc" }, "mounts[0]: destination '/data/../etc' has a '..' part: it must not reach outside where it names" },
        { "proc", new ContainerMount { SizeGb = 1, Destination = "/proc/x" }, "mounts[0]: destination '/proc/x' is under /proc, which the container's kernel file systems own" },
        { "sys", new ContainerMount { SizeGb = 1, Destination = "/sys" }, "mounts[0]: destination '/sys' is under /sys, which the container's kernel file systems own" },
        { "dev", new ContainerMount { SizeGb = 1, Destination = "/dev/" }, "mounts[0]: destination '/dev/' is under /dev, which the container's kernel file systems own" },
        { "root", new ContainerMount { SizeGb = 1, Destination = "/" }, "mounts[0]: destination '/' is the container's root: a mount there would hide its whole filesystem" },
        { "not base64", new ContainerMount { Type = "bind", Source = "not base64!", Destination = "/etc/x" }, "mounts[0]: a bind mount's source must be the injected file's content in base64; it is not base64" },
        { "unknown type", new ContainerMount { Type = "tmpfs", Destination = "/x" }, "mounts[0]: type 'tmpfs' is not one of volume, bind" },
    };

    [Theory]
    [MemberData(nameof(BadMounts))]
    public async Task A_bad_mount_is_rejected_naming_it_and_nothing_is_created(string name, ContainerMount mount, string reason)
    {
        var create = ZunTestSystem.NewCreate() with { Mounts = [mount] };

        var rejected = Assert.IsType<OperationRejected>(await System.Execute(create, create.OperationId));

        Assert.Equal(reason, rejected.Reason);
        Assert.True((await System.GetContainer(create.ContainerId)).Is(out Response<ContainerNotFound>? _), $"{name}: no record of the container");
        Assert.Null(await System.InspectInDocker(create.ContainerId));
    }

    [Fact]
    public async Task A_file_to_inject_over_the_limit_is_rejected_naming_the_setting()
    {
        var create = ZunTestSystem.NewCreate() with { Mounts = [new ContainerMount { Type = "bind", Source = Convert.ToBase64String(new byte[65 * 1024]), Destination = "/etc/x" }] };

        var rejected = Assert.IsType<OperationRejected>(await System.Execute(create, create.OperationId));

        Assert.Equal("mounts[0]: the injected file is larger than Zun:Volumes:MaxInjectedFileBytes (65536 bytes)", rejected.Reason);
        Assert.Null(await System.InspectInDocker(create.ContainerId));
    }

    [Fact]
    public async Task A_mount_of_an_unknown_volume_is_rejected_and_leaves_no_volume_made_for_the_container()
    {
        var create = ZunTestSystem.NewCreate() with
        {
            Mounts = [new ContainerMount { SizeGb = 1, Destination = "/own" }, new ContainerMount { Source = "no-such-volume", Destination = "/data" }],
        };

        var rejected = Assert.IsType<OperationRejected>(await System.Execute(create, create.OperationId));

        Assert.Equal("mounts[1]: volume 'no-such-volume' not found", rejected.Reason);
        Assert.IsType<VolumeNotFound>(await Ask(new GetVolume { Volume = VolumeRecord.OwnVolumeIdOf(create.ContainerId, 0).ToString() }));
        Assert.True((await System.GetContainer(create.ContainerId)).Is(out Response<ContainerNotFound>? _));
    }

    [Fact]
    public async Task A_container_asking_for_another_host_than_its_volumes_is_rejected_naming_both()
    {
        var volume = await CreateVolume("it-pinned-" + Guid.NewGuid().ToString("N")[..8]);
        var create = ZunTestSystem.NewCreate() with { Host = "some-other-host", Mounts = [new ContainerMount { Source = volume.Name, Destination = "/data" }] };

        var rejected = Assert.IsType<OperationRejected>(await System.Execute(create, create.OperationId));

        Assert.Equal($"mounts[0]: volume {volume.Name} ({volume.VolumeId:D}) is on host {System.WorkerHost}, not on host some-other-host the container asks for", rejected.Reason);
        Assert.Empty((await AskVolume(new GetVolume { Volume = volume.Name! })).AttachedTo);
    }

    [Fact]
    public async Task A_volume_on_an_unknown_host_or_with_a_bad_size_is_refused_and_not_recorded()
    {
        var name = "it-nowhere-" + Guid.NewGuid().ToString("N")[..8];

        var nowhere = await Ask(new CreateVolume { VolumeId = Guid.NewGuid(), Name = name, SizeGb = 1, Host = "no-such-host" });
        var tooSmall = await Ask(new CreateVolume { VolumeId = Guid.NewGuid(), Name = name, SizeGb = 0 });

        Assert.Equal("no worker named no-such-host has sent this conductor a heartbeat", Assert.IsType<RequestRejected>(nowhere).Reason);
        Assert.Equal("size must be from 1 to 1024 GiB (Zun:Volumes:MaxSizeGb), got 0", Assert.IsType<RequestRejected>(tooSmall).Reason);
        Assert.IsType<VolumeNotFound>(await Ask(new GetVolume { Volume = name }));
    }

    private async Task<VolumeInfo> CreateVolume(string name, int sizeGb = 1) =>
        Assert.IsType<VolumeInfo>(await Ask(new CreateVolume { VolumeId = Guid.NewGuid(), Name = name, SizeGb = sizeGb, Host = System.WorkerHost }));

    private async Task<VolumeInfo> AskVolume<T>(T request)
        where T : class, IVolumeRequest =>
        Assert.IsType<VolumeInfo>(await Ask(request));

    private async Task<object> Ask<T>(T request)
        where T : class, IVolumeRequest
    {
        var client = System.Client.Services.GetRequiredService<IRequestClient<T>>();
        var response = await client.GetResponse<VolumeInfo, RequestRejected, VolumeNotFound>(request, timeout: RequestTimeout.After(s: 45));
        return response.Message;
    }

    private async Task<VolumeInfo[]> ListVolumes()
    {
        var client = System.Client.Services.GetRequiredService<IRequestClient<ListVolumes>>();
        return (await client.GetResponse<VolumeList>(new ListVolumes())).Message.Volumes;
    }

    private Task<Guid> Run(params ContainerMount[] mounts) => Run(["sleep", "300"], mounts);

    private async Task<Guid> Run(string[] command, params ContainerMount[] mounts)
    {
        var create = ZunTestSystem.NewCreate(command) with { Mounts = mounts };
        var completed = Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));
        Assert.Equal(ContainerStatus.Running, completed.Status);
        return create.ContainerId;
    }

    private async Task Complete<T>(T command)
        where T : class, IContainerCommand =>
        Assert.IsType<OperationCompleted>(await System.Execute(command, command.OperationId));

    private Task<ExecResult> Exec(Guid containerId, string script) =>
        System.Ask<ExecInContainer, ExecResult>(new ExecInContainer { ContainerId = containerId, Command = ["sh", "-c", script] });

    /// <summary>The Docker volume is removed after the container's delete completes, by a message of its own to the host.</summary>
    private async Task UntilGoneFromDocker(string dockerVolume)
    {
        using var deadline = new CancellationTokenSource(DockerDeadline);
        while (true)
        {
            try
            {
                await System.Docker.Volumes.InspectAsync(dockerVolume, deadline.Token);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
