namespace Zun.Contracts;

/// <summary>Asks for an operation's record; answered with <see cref="OperationInfo"/> or <see cref="OperationNotFound"/>.</summary>
public sealed record GetOperation : ICallerScope
{
    public Guid OperationId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
