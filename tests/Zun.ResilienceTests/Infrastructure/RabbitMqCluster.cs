using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Zun.Testing;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// The three-node RabbitMQ cluster of deploy/local/rabbitmq-cluster.sh (node N: rabbit-zcN@host, AMQP on
/// 127.0.0.1:5680+N, management on 15680+N), started, faulted and stopped through that script, so that the test and an
/// operator run the same nodes. Needs root and Debian's rabbitmq-server, as on CI; elsewhere the test is skipped.
/// </summary>
public sealed partial class RabbitMqCluster : IDisposable
{
    public const int NodeCount = 3;
    private const int BasePort = 5680;
    private const string RabbitMqServer = "/usr/sbin/rabbitmq-server";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    private readonly HashSet<int> _stopped = [];
    private readonly Dictionary<int, RabbitMqManagement> _management;

    private RabbitMqCluster()
    {
        _management = Enumerable.Range(1, NodeCount).ToDictionary(
            n => n,
            n => new RabbitMqManagement(new Uri(UrlOf(n)), new Uri($"http://127.0.0.1:{BasePort + 10_000 + n}/")));
    }

    /// <summary>Credentials and virtual host for every process; the nodes come from <see cref="Settings"/>.</summary>
    public static string Url => UrlOf(1);

    /// <summary><c>Zun:RabbitMq:Hosts</c> naming the three nodes, as every process and client of the test gets it.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = Enumerable.Range(1, NodeCount).ToDictionary(
        n => $"Zun__RabbitMq__Hosts__{n - 1}", n => $"127.0.0.1:{BasePort + n}");

    /// <summary>The management API of a node that runs (the cluster's answer is the same from each).</summary>
    public RabbitMqManagement Management => _management[Enumerable.Range(1, NodeCount).First(n => !_stopped.Contains(n))];

    /// <summary>Starts the cluster (creating and joining the nodes on the first run), or skips the test where it cannot run.</summary>
    public static async Task<RabbitMqCluster> UpAsync()
    {
        Assert.SkipUnless(File.Exists(RabbitMqServer), $"{RabbitMqServer} is not installed (deploy/local/services.sh installs it)");
        Assert.SkipUnless(Environment.UserName == "root", "the cluster's nodes are started as root, which drops to the rabbitmq user");
        var cluster = new RabbitMqCluster();
        try
        {
            await RunScript("up");
        }
        catch (InvalidOperationException first) when (first.Message.Contains("exited while starting", StringComparison.Ordinal)
            || first.Message.Contains("did not start within", StringComparison.Ordinal))
        {
            // Nodes restarted over data an earlier run left can refuse to boot (seen: incompatible_feature_flags after a
            // run that ended mid-test). The test is about a cluster, not about that data: start once more from none.
            TestContext.Current.TestOutputHelper?.WriteLine($"the cluster did not come up over its data; starting it afresh: {first.Message}");
            try
            {
                await RunScript("clean");
                await RunScript("up");
            }
            catch
            {
                // Nodes that did come up must not outlive a failed start.
                cluster.Dispose();
                await DownAsync();
                throw;
            }
        }

        return cluster;
    }

    /// <summary>The node number of a node name such as <c>rabbit-zc2@host</c>.</summary>
    public static int NodeNumber(string nodeName) =>
        NodeName().Match(nodeName) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{nodeName} is not a node of the test cluster", nameof(nodeName));

    /// <summary>Stops one node (SIGTERM: an orderly shutdown that disconnects its clients) and returns once it has exited.</summary>
    public async Task StopNodeAsync(int node)
    {
        _stopped.Add(node);
        await RunScript("stop-node", node.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Starts a stopped node again and returns once it runs; it rejoins the cluster by itself.</summary>
    public async Task StartNodeAsync(int node)
    {
        await RunScript("start-node", node.ToString(CultureInfo.InvariantCulture));
        _stopped.Remove(node);
    }

    /// <summary>Starts again every node this object stopped.</summary>
    public async Task StartStoppedNodesAsync()
    {
        foreach (var node in _stopped.ToList())
            await StartNodeAsync(node);
    }

    /// <summary>Stops every node; their data stays, so the next <see cref="UpAsync"/> takes seconds rather than a minute.</summary>
    public static Task DownAsync() => RunScript("down");

    public void Dispose()
    {
        foreach (var management in _management.Values)
            management.Dispose();
    }

    private static string UrlOf(int node) => $"amqp://guest:guest@127.0.0.1:{BasePort + node}/";

    private static async Task RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { BuiltProcesses.ClusterScript } };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var run = await ProgramRun.RunAsync(start, ScriptTimeout);
        var text = run.Output + run.Errors;
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmq-cluster.sh {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{text}");
    }

    [GeneratedRegex("^rabbit-zc([0-9]+)@")]
    private static partial Regex NodeName();
}
