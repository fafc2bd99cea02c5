using System.Text.Json.Nodes;
using Zun.Api.Root;
using Zun.Contracts;

namespace Zun.Api.Hosts;

/// <summary>
/// Upstream's host record (<c>hosts_view.py</c>): capacity from the worker's heartbeat, cpu and memory in use as its
/// containers' claims (a container that asked for none claims the scheduler's defaults), and what the host is (architecture, operating system, kernel, labels, runtimes, disk)
/// as the engine describes it.
/// </summary>
internal static class HostView
{
    public static JsonObject Of(WorkerHost host, string baseUrl)
    {
        var uuid = HostEndpoints.HostUuid(host.Host).ToString("D");
        var platform = host.Platform;
        return new JsonObject
        {
            ["uuid"] = uuid,
            ["hostname"] = host.Host,
            ["links"] = Links.For(baseUrl, "hosts", uuid),
            ["cpus"] = host.Cpus,
            ["cpu_used"] = host.CpuUsed,
            ["mem_total"] = host.MemoryMb,
            ["mem_used"] = host.MemoryUsedMb,
            ["disk_total"] = platform?.DiskTotalGb ?? 0,

            // Containers claim no disk here: a create that asks for disk is refused.
            ["disk_used"] = 0,
            ["disk_quota_supported"] = false,
            ["total_containers"] = host.TotalContainers,
            ["running_containers"] = host.RunningContainers,
            ["architecture"] = platform?.Architecture,
            ["os_type"] = platform?.OsType,
            ["os"] = platform?.OperatingSystem,
            ["kernel_version"] = platform?.KernelVersion,
            ["labels"] = Labels(host.Labels.Count > 0 ? host.Labels : platform?.Labels),
            ["runtimes"] = platform is null ? null : new JsonArray([.. platform.Runtimes.Select(r => (JsonNode)r)]),
            ["enable_cpu_pinning"] = false,
        };
    }

    private static JsonObject Labels(IReadOnlyDictionary<string, string>? labels)
    {
        var view = new JsonObject();
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
            view[key] = value;
        return view;
    }
}
