namespace Zun.Contracts.Hosts;

/// <summary>
/// A worker's answer to <see cref="CreateVolumeOnHost"/> and <see cref="RemoveVolumeFromHost"/>: whether the Docker
/// volume of <see cref="VolumeId"/> now exists on its host, or, when the worker could not do what was asked, why not.
/// </summary>
public sealed record VolumeOnHost
{
    public Guid VolumeId { get; init; }

    public string Host { get; init; } = "";

    public bool Exists { get; init; }

    /// <summary>Null when done; otherwise the engine's refusal (a volume a container still uses cannot be removed).</summary>
    public string? Refusal { get; init; }
}
