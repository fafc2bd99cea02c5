namespace Zun.Contracts;

/// <summary>No volume the caller may see has this id or name.</summary>
public sealed record VolumeNotFound
{
    public string Volume { get; init; } = "";
}
