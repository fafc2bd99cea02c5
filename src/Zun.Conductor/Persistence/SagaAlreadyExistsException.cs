using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// An insert lost to another insert of the same instance. A <see cref="ConcurrencyException"/>, so the endpoint's
/// retry processes the message again and then finds the instance the winner stored.
/// </summary>
public sealed class SagaAlreadyExistsException : ConcurrencyException
{
    public SagaAlreadyExistsException(Type sagaType, Guid correlationId, Exception innerException)
        : base($"{sagaType.Name} {correlationId} is stored already", sagaType, correlationId, innerException)
    {
    }
}
