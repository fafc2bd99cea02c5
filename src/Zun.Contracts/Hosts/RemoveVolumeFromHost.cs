namespace Zun.Contracts.Hosts;

/// <summary>
/// Conductor to worker: remove a Zun volume's Docker volume (one already gone is removed). As a request it is answered
/// with <see cref="VolumeOnHost"/> (Docker refuses to remove a volume a container still uses);
/// sent without one (a container's own volume, an orphan), the worker only logs a refusal.
/// </summary>
public sealed record RemoveVolumeFromHost
{
    public Guid VolumeId { get; init; }

    public string Host { get; init; } = "";

    public string DockerVolume { get; init; } = "";

    public string Reason { get; init; } = "";
}
