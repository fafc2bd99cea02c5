using System.Text.Json.Nodes;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>
/// python-zunclient's own Python API from Debian's python3, as a program using it would call it:
/// <c>zunclient.client.Client(version, endpoint_override=URL, auth_token=T)</c>. The script's last line of output
/// is JSON.
/// </summary>
public sealed class ZunClientPython(string v1Endpoint)
{
    private const string Prelude = """
        import json, sys
        from zunclient import client
        def connect(version):
            return client.Client(version, endpoint_override=sys.argv[1], auth_token="notused")

        """;

    public async Task<JsonNode> RunAsync(string script)
    {
        var result = await DebianProcess.RunAsync("python3", ["-", v1Endpoint], stdin: Prelude + script);
        Assert.True(result.ExitCode == 0, $"python-zunclient script failed: {result}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonNode.Parse(lines[^1]) ?? throw new InvalidOperationException($"no JSON printed: {result}");
    }
}
