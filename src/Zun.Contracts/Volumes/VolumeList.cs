namespace Zun.Contracts;

/// <summary>Answer to <see cref="ListVolumes"/>, by name and then id.</summary>
public sealed record VolumeList
{
    public VolumeInfo[] Volumes { get; init; } = [];
}
