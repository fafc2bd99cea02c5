using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Testing;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>
/// Debian's <c>openstack appcontainer</c> and <c>zun</c> with password authentication, as a project member uses them:
/// they sign in to the real Keystone and find this test's zun-api through the catalog (a region of the tests' own).
/// </summary>
public sealed class KeystoneClientTests(ApiZun zun)
{
    private const string Region = "ZunTests";

    private readonly KeystoneAdmin _keystone = KeystoneAdmin.FromLocalDeployment();

    [Fact]
    public async Task A_member_runs_reads_execs_stops_and_deletes_a_container_with_both_clis()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        await _keystone.RegisterZunEndpointAsync(Region, $"{api.Endpoint}/v1");
        var name = $"ks-{Guid.NewGuid():N}"[..16];

        var run = JsonNode.Parse(await Openstack(member, "run", "-f", "json", "--wait", "--name", name, ApiCalls.Busybox, "sh", "-c", "echo signed-in; sleep 300"))!;
        var id = Guid.Parse(run["uuid"]!.GetValue<string>());
        Assert.Equal(member.ProjectId, run["project_id"]!.GetValue<string>());
        Assert.True((await zun.System.InspectInDocker(id))?.State?.Running == true, "the container runs in Docker");

        Assert.Contains(name, await Zun(member, "list"));
        var shown = JsonNode.Parse(await Openstack(member, "show", "-f", "json", name))!;
        Assert.Equal(("Running", member.UserId), (shown["status"]!.GetValue<string>(), shown["user_id"]!.GetValue<string>()));
        Assert.Contains("signed-in", await Openstack(member, "logs", name));
        Assert.Contains("inside", await Zun(member, "exec", name, "echo", "inside"));

        await Openstack(member, "stop", "--timeout", "1", name);
        await zun.System.Reaches(id, ContainerStatus.Stopped);
        await Zun(member, "delete", name);
        await zun.System.Reaches(id, ContainerStatus.Deleted);
    }

    [Fact]
    public async Task A_member_of_another_project_cannot_show_or_delete_a_container_with_either_cli_and_an_admin_lists_it_for_all_projects()
    {
        var owner = await _keystone.CreateProjectMemberAsync();
        var stranger = await _keystone.CreateProjectMemberAsync();
        var admin = new KeystoneUser("", "admin", _keystone.AdminPassword, "", "admin");
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        await _keystone.RegisterZunEndpointAsync(Region, $"{api.Endpoint}/v1");
        var name = $"ks-{Guid.NewGuid():N}"[..16];
        var run = JsonNode.Parse(await Openstack(owner, "run", "-f", "json", "--wait", "--name", name, ApiCalls.Busybox, "sleep", "300"))!;
        var id = run["uuid"]!.GetValue<string>();

        var shown = await DebianProcess.RunAsync("openstack", [.. SignIn(stranger, "--os-"), "--os-identity-api-version", "3", "appcontainer", "show", id]);
        var deleted = await DebianProcess.RunAsync("zun", [.. SignIn(stranger, "--os-"), "delete", id]);

        Assert.True(shown.ExitCode != 0 && shown.Errors.Contains("could not be found"), $"openstack appcontainer show as a stranger: {shown}");
        Assert.Contains("could not be found", deleted.ToString());
        Assert.DoesNotContain(id, await Openstack(stranger, "list"));
        Assert.DoesNotContain(id, await Openstack(admin, "list"));
        Assert.Contains(id, await Openstack(admin, "list", "--all-projects"));
        Assert.True((await zun.System.InspectInDocker(Guid.Parse(id)))?.State?.Running == true, "the container still runs in Docker");
    }

    private Task<string> Openstack(KeystoneUser user, params string[] arguments) =>
        Succeed("openstack", [.. SignIn(user, "--os-"), "--os-identity-api-version", "3", "appcontainer", .. arguments]);

    private Task<string> Zun(KeystoneUser user, params string[] arguments) =>
        Succeed("zun", [.. SignIn(user, "--os-"), .. arguments]);

    private string[] SignIn(KeystoneUser user, string prefix) =>
    [
        $"{prefix}auth-url", _keystone.Url, $"{prefix}username", user.UserName, $"{prefix}password", user.Password,
        $"{prefix}project-name", user.ProjectName, $"{prefix}user-domain-name", "Default", $"{prefix}project-domain-name", "Default",
        $"{prefix}region-name", Region,
    ];

    private static async Task<string> Succeed(string program, string[] arguments)
    {
        var result = await DebianProcess.RunAsync(program, arguments);
        var shown = arguments.Select((a, i) => i > 0 && arguments[i - 1] == "--os-password" ? "***" : a);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', shown)}: {result}");
        return result.Output;
    }
}
