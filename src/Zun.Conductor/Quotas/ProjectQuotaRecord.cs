using System.Security.Cryptography;
using System.Text;
using Zun.Conductor.Persistence;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>
/// What the conductors keep of one project's quotas, one document per project in the saga store: the limits set for it
/// (a null field is not set, and the defaults hold) and what each of its containers counts against them. Every hold
/// is written through this document's version, so two conductors that both find the last free slot cannot both take
/// it: the second write finds the version changed, reads the first one's hold and checks again.
/// </summary>
public sealed class ProjectQuotaRecord : IRevisedRecord
{
    // Not part of the stored record (fields are neither serialised nor mapped).
    private int _revisions;

    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string? ProjectId { get; set; }

    /// <summary>The limits set for the project itself; a null field is not set.</summary>
    public QuotaLimits Limits { get; set; } = new();

    public List<QuotaHolding> Holdings { get; set; } = [];

    public int Revisions => _revisions;

    /// <summary>The record's id for a project: the same in every conductor, without a lookup (a null project is one of its own).</summary>
    public static Guid IdOf(string? project)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(project is null ? "zun-project-quota" : $"zun-project-quota:{project}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static ProjectQuotaRecord For(string? project) => new() { CorrelationId = IdOf(project), ProjectId = project };

    public QuotaUsage Usage => new()
    {
        Containers = Holdings.Count,
        Cpu = Holdings.Sum(h => h.Cpu),
        MemoryMb = Holdings.Sum(h => (long)h.MemoryMb),
        DiskGb = Holdings.Sum(h => (long)h.DiskGb),
    };

    /// <summary>Counts <paramref name="holding"/> if it fits under <paramref name="limits"/> (one already held by the container counts as taken); otherwise the refusal.</summary>
    public string? TryHold(QuotaHolding holding, QuotaLimits limits)
    {
        if (Holdings.Exists(h => h.ContainerId == holding.ContainerId))
            return null;

        var asked = new QuotaUsage { Containers = 1, Cpu = holding.Cpu, MemoryMb = holding.MemoryMb, DiskGb = holding.DiskGb };
        if (QuotaCheck.Refusal(ProjectId, limits, Usage, asked) is { } refusal)
            return refusal;

        Holdings.Add(holding);
        _revisions++;
        return null;
    }

    /// <summary>Gives the container's holding a new cpu and memory if the growth fits under <paramref name="limits"/>; a container that holds nothing here has nothing to resize.</summary>
    public string? TryResize(Guid containerId, double cpu, int memoryMb, QuotaLimits limits)
    {
        var index = Holdings.FindIndex(h => h.ContainerId == containerId);
        if (index < 0)
            return null;

        var held = Holdings[index];
        var asked = new QuotaUsage { Cpu = cpu - held.Cpu, MemoryMb = memoryMb - held.MemoryMb };
        if (QuotaCheck.Refusal(ProjectId, limits, Usage, asked) is { } refusal)
            return refusal;

        if (held.Cpu != cpu || held.MemoryMb != memoryMb)
        {
            Holdings[index] = held with { Cpu = cpu, MemoryMb = memoryMb };
            _revisions++;
        }

        return null;
    }

    /// <summary>Stops counting the container; false when it was not counted.</summary>
    public bool Release(Guid containerId)
    {
        var removed = Holdings.RemoveAll(h => h.ContainerId == containerId);
        _revisions += removed;
        return removed > 0;
    }

    /// <summary>Sets the limits <paramref name="change"/> gives; those it leaves null stay as they were.</summary>
    public void Limit(QuotaLimits change)
    {
        var merged = QuotaLimitSets.Merge(change, Limits);
        if (merged == Limits)
            return;
        Limits = merged;
        _revisions++;
    }

    /// <summary>Removes every limit of the project's own.</summary>
    public void ClearLimits()
    {
        if (Limits == new QuotaLimits())
            return;
        Limits = new QuotaLimits();
        _revisions++;
    }
}
