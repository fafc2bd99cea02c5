using System.Security.Cryptography;
using System.Text;
using Zun.Conductor.Persistence;
using Zun.Contracts;

namespace Zun.Conductor.Quotas;

/// <summary>
/// A quota class's limits, one document per class. The class named <see cref="DefaultClass"/> gives the limits of every
/// project that sets none of its own, ahead of the configured ones (upstream's <c>default</c> class).
/// </summary>
public sealed class QuotaClassRecord : IRevisedRecord
{
    public const string DefaultClass = "default";

    private int _revisions;

    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The limits the class sets; a null field is not set.</summary>
    public QuotaLimits Limits { get; set; } = new();

    public int Revisions => _revisions;

    public static Guid IdOf(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"zun-quota-class:{name}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static QuotaClassRecord For(string name) => new() { CorrelationId = IdOf(name), Name = name };

    /// <summary>Sets the limits <paramref name="change"/> gives; those it leaves null stay as they were.</summary>
    public void Limit(QuotaLimits change)
    {
        var merged = QuotaLimitSets.Merge(change, Limits);
        if (merged == Limits)
            return;
        Limits = merged;
        _revisions++;
    }
}
