using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// The one place that decides where saga instances live. For now MassTransit's in-memory repository:
/// state does not survive a restart. The durable MongoDB and SQLite repositories replace it here.
/// </summary>
internal static class SagaRepositoryChoice
{
    public static ISagaRegistrationConfigurator<T> UseZunSagaRepository<T>(this ISagaRegistrationConfigurator<T> saga)
        where T : class, ISaga
    {
        saga.InMemoryRepository();
        return saga;
    }
}
