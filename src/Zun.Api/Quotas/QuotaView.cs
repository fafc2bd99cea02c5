using System.Text.Json.Nodes;
using Zun.Contracts;

namespace Zun.Api.Quotas;

/// <summary>Quotas as upstream's controllers answer them: each resource by upstream's name (memory in MiB, disk in GiB), in upstream's order; -1 is unlimited.</summary>
internal static class QuotaView
{
    public static JsonObject Of(QuotaLimits limits) => new()
    {
        ["containers"] = limits.Containers,
        ["memory"] = limits.MemoryMb,
        ["disk"] = limits.DiskGb,
        ["cpu"] = limits.Cpu,
    };

    /// <summary>Each limit with what the project holds now, <c>{"limit", "in_use"}</c>; cpu rounded to 3 places, as upstream counts it.</summary>
    public static JsonObject WithUsage(QuotaSet quotas)
    {
        var limits = quotas.Limits;
        var used = quotas.Usage ?? new QuotaUsage();
        return new JsonObject
        {
            ["containers"] = Used(limits.Containers, used.Containers),
            ["memory"] = Used(limits.MemoryMb, used.MemoryMb),
            ["disk"] = Used(limits.DiskGb, used.DiskGb),
            ["cpu"] = Used(limits.Cpu, Math.Round(used.Cpu, 3)),
        };
    }

    private static JsonObject Used(int? limit, JsonNode inUse) => new() { ["limit"] = limit, ["in_use"] = inUse };
}
