using Zun.Conductor.Options;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>How sets of limits combine: each field from the first set that gives it.</summary>
internal static class QuotaLimitSets
{
    public static QuotaLimits Merge(QuotaLimits first, QuotaLimits then) => new()
    {
        Containers = first.Containers ?? then.Containers,
        Cpu = first.Cpu ?? then.Cpu,
        MemoryMb = first.MemoryMb ?? then.MemoryMb,
        DiskGb = first.DiskGb ?? then.DiskGb,
    };

    /// <summary>The configured limits, every field set.</summary>
    public static QuotaLimits Of(QuotaOptions options) => new()
    {
        Containers = options.Containers,
        Cpu = options.Cpu,
        MemoryMb = options.MemoryMb,
        DiskGb = options.DiskGb,
    };

    /// <summary>Null when every given limit is -1 or more; otherwise why not, naming the field.</summary>
    public static string? Invalid(QuotaLimits limits)
    {
        foreach (var (name, value) in new[] { ("containers", limits.Containers), ("cpu", limits.Cpu), ("memory", limits.MemoryMb), ("disk", limits.DiskGb) })
        {
            if (value < QuotaLimits.Unlimited)
                return $"{name} quota must be -1 (unlimited) or more, got {value}";
        }

        return null;
    }
}
