using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary>
/// <c>Zun:Quota</c>: the limits of a project that has none of its own and that the <c>default</c> quota class does not
/// set; -1 is unlimited. Defaults are upstream's (<c>[quota]</c> containers, cpu, memory, disk).
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Zun:Quota";

    [Range(-1, int.MaxValue)]
    public int Containers { get; set; } = 40;

    /// <summary>Cores, as the containers' claims add them up.</summary>
    [Range(-1, int.MaxValue)]
    public int Cpu { get; set; } = 20;

    [Range(-1, int.MaxValue)]
    public int MemoryMb { get; set; } = 50 * 1024;

    [Range(-1, int.MaxValue)]
    public int DiskGb { get; set; } = 100;
}
