namespace Zun.Contracts;

/// <summary>A request about a container could not be answered, for <see cref="Reason"/> (for example the container is not running).</summary>
public sealed record RequestRejected
{
    public Guid ContainerId { get; init; }

    public string Reason { get; init; } = "";
}
