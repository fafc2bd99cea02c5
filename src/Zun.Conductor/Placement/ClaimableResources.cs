using System.Globalization;
using Zun.Conductor.Options;

namespace Zun.Conductor.Placement;

/// <summary>
/// How much of a host containers may claim: its cores times <see cref="PlacementOptions.CpuAllocationRatio"/>, its memory
/// less <see cref="PlacementOptions.ReservedHostMemoryMb"/> times <see cref="PlacementOptions.RamAllocationRatio"/>, as
/// upstream's Placement inventory counts them.
/// </summary>
public readonly record struct ClaimableResources(double Cpu, long MemoryMb)
{
    public static ClaimableResources Of(KnownWorker worker, PlacementOptions placement) => new(
        worker.Latest.Cpus * placement.CpuAllocationRatio,
        (long)Math.Floor(Math.Max(0, worker.Latest.MemoryMb - placement.ReservedHostMemoryMb) * placement.RamAllocationRatio));

    /// <summary>Why <paramref name="cpu"/> and <paramref name="memoryMb"/> more do not fit beside <paramref name="used"/>; null when they do.</summary>
    public string? Refusal(HostUsage used, double cpu, int memoryMb)
    {
        var freeCpu = Cpu - used.Cpu;
        if (cpu > freeCpu + 1e-9)
            return $"cpu: {Format(Math.Max(0, freeCpu))} of {Format(Cpu)} free, {Format(cpu)} asked";

        var freeMemory = MemoryMb - used.MemoryMb;
        return memoryMb > freeMemory
            ? $"memory: {Math.Max(0, freeMemory)} of {MemoryMb} MiB free, {memoryMb} asked"
            : null;
    }

    private static string Format(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
