using System.Globalization;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>Whether more of a project's resources fit under its limits, and if not the refusal, naming each quota, its limit and the usage.</summary>
internal static class QuotaCheck
{
    /// <param name="project">The project, as the refusal names it.</param>
    /// <param name="limits">Every limit, none null; -1 is unlimited.</param>
    /// <param name="usage">What the project holds without the change.</param>
    /// <param name="asked">What the change adds (a resource it does not grow is not checked, so a project already over a lowered limit may still shrink).</param>
    public static string? Refusal(string? project, QuotaLimits limits, QuotaUsage usage, QuotaUsage asked)
    {
        var over = new List<string>();
        Check("containers", limits.Containers, usage.Containers, asked.Containers, "");
        Check("cpu", limits.Cpu, usage.Cpu, asked.Cpu, "");
        Check("memory", limits.MemoryMb, usage.MemoryMb, asked.MemoryMb, " MiB");
        Check("disk", limits.DiskGb, usage.DiskGb, asked.DiskGb, " GiB");
        return over.Count == 0
            ? null
            : $"quota exceeded for project {project ?? "(none)"}: {string.Join("; ", over)}";

        void Check(string name, int? limit, double used, double more, string unit)
        {
            if (more > 0 && limit is >= 0 and var l && used + more > l + 1e-9)
                over.Add($"{name} limit {l}{unit}, {Format(used)}{unit} in use, {Format(more)}{unit} more asked");
        }
    }

    private static string Format(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
