namespace Zun.Contracts;

/// <summary>An image is now present on a worker host.</summary>
public sealed record ImagePulled
{
    public Guid OperationId { get; init; }

    public string Image { get; init; } = "";

    public string Host { get; init; } = "";

    public DateTimeOffset Timestamp { get; init; }
}
