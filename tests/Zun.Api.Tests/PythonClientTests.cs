using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>Debian's python-zunclient 4.5.0 Python API against zun-api, at 1.40 and with the version negotiated.</summary>
public sealed class PythonClientTests(ApiZun zun)
{
    private readonly ZunClientPython _python = new(zun.V1);

    [Fact]
    public async Task The_default_version_negotiates_the_servers_maximum_from_the_version_document()
    {
        // Client("1") is "1.latest": the client asks the version document for the server's range.
        var negotiated = await _python.RunAsync("""
            zun = connect("1")
            print(json.dumps({"version": zun.api_version.get_string()}))
            """);
        Assert.Equal("1.40", negotiated["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_show_top_logs_and_delete_through_the_python_api()
    {
        var name = $"py-{Guid.NewGuid():N}"[..16];
        var created = await _python.RunAsync($$"""
            zun = connect("1.40")
            c = zun.containers.run(name="{{name}}", image="{{ApiCalls.Busybox}}", command=["sh", "-c", "echo from-python; sleep 300"])
            print(json.dumps({"uuid": c.uuid, "name": c.name, "status": c.status}))
            """);
        var id = Guid.Parse(created["uuid"]!.GetValue<string>());
        Assert.Equal(name, created["name"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        var seen = await _python.RunAsync($$"""
            zun = connect("1.40")
            c = zun.containers.get("{{name}}")
            top = zun.containers.top("{{name}}")
            logs = zun.containers.logs("{{name}}", stdout=True, stderr=True)
            actions = zun.actions.list("{{name}}")
            print(json.dumps({"status": c.status, "command": c.command, "titles": top["Titles"], "processes": top["Processes"],
                              "logs": logs, "actions": [a.action for a in actions]}))
            """);
        Assert.Equal("Running", seen["status"]!.GetValue<string>());
        Assert.Equal(["sh", "-c", "echo from-python; sleep 300"], seen["command"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Contains("PID", seen["titles"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(seen["processes"]!.AsArray(), p => p!.AsArray().Any(v => v!.GetValue<string>().Contains("sleep 300", StringComparison.Ordinal)));
        Assert.Contains("from-python", seen["logs"]!.GetValue<string>());
        Assert.Contains("create", seen["actions"]!.AsArray().Select(a => a!.GetValue<string>()));

        await _python.RunAsync($$"""
            zun = connect("1.40")
            zun.containers.delete("{{name}}", force=True)
            print(json.dumps({"deleted": True}))
            """);
        await zun.System.Reaches(id, ContainerStatus.Deleted);
        Assert.Null(await zun.System.InspectInDocker(id));
    }
}
