using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>Upstream's <c>mounts</c> through the REST API, driven by Debian's <c>openstack appcontainer run --mount</c>, before the real conductor, worker and Docker.</summary>
public sealed class MountHttpTests(ApiZun zun)
{
    /// <summary>The project noauth acts for when the client names none (<c>Zun:Api:NoAuth:ProjectId</c>).</summary>
    private const string NoAuthProject = "default";

    [Fact]
    public async Task Openstack_appcontainer_run_mounts_a_zun_volume_and_injects_a_file()
    {
        var volume = await CreateVolume("api-vol-" + Guid.NewGuid().ToString("N")[..8]);
        var file = Path.Combine(Path.GetTempPath(), $"zun-inject-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "injected through openstack\n", TestContext.Current.CancellationToken);
        var openstack = new OpenStackCli(zun.V1);

        var created = await openstack.JsonAsync("run", "--os-container-api-version", "1.23",
            "--mount", $"source={volume.Name},destination=/data", "--mount", $"type=bind,source={file},destination=/etc/app/note.txt",
            ApiCalls.Busybox, "sh", "-c", "cat /etc/app/note.txt > /data/copy && sleep 300");
        var id = Guid.Parse(created["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running, TimeSpan.FromSeconds(30));

        var copied = await zun.System.Ask<ExecInContainer, ExecResult>(new ExecInContainer { ContainerId = id, Command = ["cat", "/data/copy"], ProjectId = NoAuthProject });
        Assert.Equal("injected through openstack\n", copied.Output);
        Assert.Contains(id, (await AskVolume(new GetVolume { Volume = volume.Name!, ProjectId = NoAuthProject })).AttachedTo);
    }

    [Fact]
    public async Task A_mount_of_an_unknown_volume_is_404_as_upstream_answers_an_unknown_cinder_volume_with_the_conductors_reason()
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject
        {
            ["image"] = ApiCalls.Busybox,
            ["mounts"] = new JsonArray(new JsonObject { ["source"] = "no-such-volume", ["destination"] = "/data" }),
        }));

        var error = await response.Error(HttpStatusCode.NotFound);
        Assert.Contains("mounts[0]: volume 'no-such-volume' not found", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bind_mount_before_1_23_is_refused_naming_the_microversion()
    {
        using var http = zun.Http("1.22");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject
        {
            ["image"] = ApiCalls.Busybox,
            ["mounts"] = new JsonArray(new JsonObject { ["type"] = "bind", ["source"] = "eA==", ["destination"] = "/etc/x" }),
        }));

        var error = await response.Error(HttpStatusCode.BadRequest);
        Assert.Contains("it needs 1.23 or later", error["detail"]!.GetValue<string>());
    }

    private async Task<VolumeInfo> CreateVolume(string name) =>
        await AskVolume(new CreateVolume { VolumeId = Guid.NewGuid(), Name = name, SizeGb = 1, Host = zun.System.WorkerHost, ProjectId = NoAuthProject });

    private async Task<VolumeInfo> AskVolume<T>(T request)
        where T : class, IVolumeRequest
    {
        var client = zun.System.Client.Services.GetRequiredService<IRequestClient<T>>();
        var response = await client.GetResponse<VolumeInfo, RequestRejected, VolumeNotFound>(request, timeout: RequestTimeout.After(s: 45));
        return Assert.IsType<VolumeInfo>(response.Message);
    }
}
