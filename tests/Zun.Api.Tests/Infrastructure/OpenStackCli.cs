using System.Text.Json.Nodes;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>
/// Debian's unmodified <c>openstack</c> (python3-openstackclient with python3-zunclient's plugin) against the API,
/// with keystoneauth's <c>none</c> plugin: <c>openstack --os-auth-type none --os-endpoint URL/v1 appcontainer ...</c>.
/// </summary>
public sealed class OpenStackCli(string v1Endpoint)
{
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        DebianProcess.RunAsync("openstack", ["--os-auth-type", "none", "--os-endpoint", v1Endpoint, "appcontainer", .. arguments]);

    /// <summary>Runs a command that must succeed and returns what it printed.</summary>
    public async Task<string> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"openstack appcontainer {string.Join(' ', arguments)}: {result}");
        return result.Output;
    }

    /// <summary>
    /// Runs a command with <c>-f json</c> that must succeed and returns its JSON. The option goes right after the
    /// command's words, since everything after a container's image is its command.
    /// </summary>
    public async Task<JsonNode> JsonAsync(params string[] arguments)
    {
        var words = arguments switch
        {
            ["quota", "class", ..] => 3,
            ["action" or "host" or "service" or "image" or "quota", ..] => 2,
            _ => 1,
        };
        return JsonNode.Parse(await SucceedAsync([.. arguments[..words], "-f", "json", .. arguments[words..]]))
            ?? throw new InvalidOperationException("no JSON printed");
    }
}
