using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Persistence;
using Zun.Conductor.Placement;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;

namespace Zun.IntegrationTests.Fleet;

/// <summary>
/// Three real Docker engines of the tests' own beside the machine's (ENVIRONMENT.md, "More Docker hosts on one machine"),
/// one worker each, and one conductor with upstream's allocation ratios:
/// <list type="bullet">
/// <item><c>A</c> in zone az1, labelled tier=web;</item>
/// <item><c>B</c> in zone az2, labelled disk=ssd;</item>
/// <item><c>C</c> in zone az2.</item>
/// </list>
/// </summary>
public sealed class ThreeHostFleet : IAsyncLifetime
{
    private readonly List<ExtraDockerEngine> _engines = [];
    private ZunTestSystem? _system;

    /// <summary>Why the fleet could not start here, or null.</summary>
    public string? SkipReason { get; private set; }

    public ZunTestSystem System => _system ?? throw new InvalidOperationException("the fleet did not start");

    public string A => $"{System.WorkerHost}-a";

    public string B => $"{System.WorkerHost}-b";

    public string C => $"{System.WorkerHost}-c";

    public IReadOnlyList<string> Hosts => [A, B, C];

    /// <summary>The engine of a host of the fleet.</summary>
    public DockerClient EngineOf(string host) => _engines[Hosts.ToList().IndexOf(host)].Docker;

    public async ValueTask InitializeAsync()
    {
        if (ExtraDockerEngine.FindDockerd() is not { } dockerd)
        {
            SkipReason = "no dockerd binary on this machine (PATH, /usr/sbin, /usr/bin): the fleet runs Docker engines of its own";
            return;
        }

        _system = await ZunTestSystem.StartAsync(withWorker: false, conductorSettings: new Dictionary<string, string?>
        {
            // Upstream's ratios, not the other tests' roomier ones: these tests fill hosts.
            ["Zun:Scheduler:CpuAllocationRatio"] = "16",
            ["Zun:Scheduler:RamAllocationRatio"] = "1.5",
        });
        var logs = Path.Combine(Path.GetTempPath(), $"zun-fleet-{System.VirtualHost}");
        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ExtraDockerEngine.StartAsync(dockerd, Path.Combine(logs, $"engine-{i}"))));
        _engines.AddRange(started);
        await Task.WhenAll(_engines.Select(e => e.PullAsync(ZunTestSystem.BusyboxImage)));

        var zones = new[] { "az1", "az2", "az2" };
        var labels = new[] { ("tier", "web"), ("disk", "ssd"), default };
        for (var i = 0; i < 3; i++)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Zun:Docker:Endpoint"] = _engines[i].Endpoint,
                ["Zun:Worker:AvailabilityZone"] = zones[i],
            };
            if (labels[i] is ({ } key, { } value))
                settings[$"Zun:Worker:Labels:{key}"] = value;
            await System.StartExtraWorkerAsync(Hosts[i], settings);
        }

        await System.WaitForLiveWorkers(Hosts);
    }

    /// <summary>Whether the container is on <paramref name="host"/>'s engine, and on no other engine of the fleet.</summary>
    public async Task<string[]> EnginesHolding(Guid containerId)
    {
        var holding = new List<string>();
        foreach (var host in Hosts)
        {
            try
            {
                await EngineOf(host).Containers.InspectContainerAsync($"zun-{containerId:D}");
                holding.Add(host);
            }
            catch (DockerContainerNotFoundException)
            {
            }
        }

        return [.. holding];
    }

    /// <summary>The claims the conductor's store holds on <paramref name="host"/>.</summary>
    public async Task<IReadOnlyList<HostClaim>> ClaimsOn(string host)
    {
        var ledgers = System.Conductor.Services.GetRequiredService<ISagaDocumentStore<HostRecord>>();
        return (await ledgers.LoadAsync(HostRecord.IdOf(host), CancellationToken.None))?.Claims ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
        foreach (var engine in _engines)
            await engine.DisposeAsync();
    }
}
