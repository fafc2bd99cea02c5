namespace Zun.Hosting.Publishers;

/// <summary>What a refused delivery counts as consumed as, so that MassTransit does not move it to the endpoint's <c>_skipped</c> queue.</summary>
public sealed record RefusedMessage
{
    public static RefusedMessage Instance { get; } = new();
}
