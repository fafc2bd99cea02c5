using System.Text.Json;
using Zun.Cli.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests;

/// <summary><c>zun service</c> against a system of its own: the shared one's host must stay enabled for the other tests.</summary>
public sealed class CliServiceTests
{
    [Fact]
    public async Task Service_disable_takes_the_host_out_of_placement_and_list_and_an_unknown_host_are_answered_as_such()
    {
        await using var system = await ZunTestSystem.StartAsync();

        var disable = await ZunCli.RunAsync(system.RabbitUrl, "service", "disable", system.WorkerHost, "--reason", "patching");
        var list = await ZunCli.RunAsync(system.RabbitUrl, "service", "list", "--format", "json");
        var unknown = await ZunCli.RunAsync(system.RabbitUrl, "service", "enable", "nowhere");

        Assert.True(disable.ExitCode == 0, disable.ToString());
        Assert.Contains($"{system.WorkerHost}: disabled (patching)", disable.Stdout, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.ToString());
        using var parsed = JsonDocument.Parse(list.Stdout);
        var host = parsed.RootElement.GetProperty("services").EnumerateArray().Single(h => h.GetProperty("host").GetString() == system.WorkerHost);
        Assert.Equal((true, "patching"), (host.GetProperty("disabled").GetBoolean(), host.GetProperty("disabledReason").GetString()));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("service zun-compute on host nowhere not found", unknown.Stderr, StringComparison.Ordinal);

        var create = ZunTestSystem.NewCreate();
        var failed = Assert.IsType<Contracts.OperationFailed>(await system.Execute(create, create.OperationId));
        Assert.Equal($"no valid host: {system.WorkerHost} (disabled: patching)", failed.Reason);
    }
}
