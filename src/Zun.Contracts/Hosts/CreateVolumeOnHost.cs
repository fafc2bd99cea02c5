namespace Zun.Contracts.Hosts;

/// <summary>
/// Conductor to worker, as a request: make the Docker volume of a Zun volume (local driver, labelled
/// <c>zun.volume-id</c>, its size recorded in a label). Idempotent. Answered with <see cref="VolumeOnHost"/>.
/// </summary>
public sealed record CreateVolumeOnHost
{
    public Guid VolumeId { get; init; }

    public string Host { get; init; } = "";

    public string DockerVolume { get; init; } = "";

    public int SizeGb { get; init; }
}
