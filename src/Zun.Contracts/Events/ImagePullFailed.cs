namespace Zun.Contracts;

/// <summary>A worker host could not pull an image.</summary>
public sealed record ImagePullFailed
{
    public Guid OperationId { get; init; }

    public string Image { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>Why, with the registry's or Docker engine's own error text.</summary>
    public string Reason { get; init; } = "";

    public DateTimeOffset Timestamp { get; init; }
}
