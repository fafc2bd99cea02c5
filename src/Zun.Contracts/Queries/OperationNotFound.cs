namespace Zun.Contracts;

/// <summary>Answer to <see cref="GetOperation"/> for an operation Zun has no record of.</summary>
public sealed record OperationNotFound
{
    public Guid OperationId { get; init; }
}
