using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// A version-guarded write found the stored instance changed or deleted since it was read. The endpoint's retry
/// processes the message again against the fresh state.
/// </summary>
public sealed class SagaVersionConflictException : ConcurrencyException
{
    public SagaVersionConflictException(Type sagaType, Guid correlationId, int expectedVersion)
        : base($"{sagaType.Name} {correlationId} is no longer at version {expectedVersion}", sagaType, correlationId)
    {
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The version the writer had read.</summary>
    public int ExpectedVersion { get; }
}
