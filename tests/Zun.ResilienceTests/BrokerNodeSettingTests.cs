using Zun.ResilienceTests.Infrastructure;
using Zun.Testing;

namespace Zun.ResilienceTests;

/// <summary><c>Zun:RabbitMq:Hosts</c> with an entry that cannot work, given to the built processes as an operator would.</summary>
public sealed class BrokerNodeSettingTests
{
    [Theory]
    [InlineData("conductor")]
    [InlineData("worker")]
    public async Task A_process_given_a_cluster_node_that_is_not_host_and_port_stops_at_start_naming_the_entry(string process)
    {
        var logs = Path.Combine(AppContext.BaseDirectory, "process-logs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-bad-node-{process}-{Guid.NewGuid():N}"[..60]);
        var settings = new Dictionary<string, string>
        {
            ["Zun__RabbitMq__Url"] = "amqp://guest:guest@127.0.0.1:5672/",
            ["Zun__RabbitMq__Hosts__0"] = "127.0.0.1:5681",
            ["Zun__RabbitMq__Hosts__1"] = "rabbit2",
            ["Zun__Store__Sqlite__Path"] = Path.Combine(logs, "store.db"),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ZunProcess.StartAsync(process, process == "conductor" ? BuiltProcesses.ConductorDll : BuiltProcesses.WorkerDll, settings, logs));

        Assert.Contains("Zun:RabbitMq:Hosts:1 'rabbit2' is not host:port", await File.ReadAllTextAsync(Path.Combine(logs, $"{process}.log")), StringComparison.Ordinal);
    }
}
