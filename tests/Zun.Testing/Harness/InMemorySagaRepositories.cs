using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Testing.Harness;

/// <summary>MassTransit's in-memory saga repository for every state machine: harness tests share no file and find no leftovers.</summary>
public sealed class InMemorySagaRepositories : IConductorSagaRepositories
{
    public void Use<T>(ISagaRegistrationConfigurator<T> saga)
        where T : class, ISagaVersion =>
        saga.InMemoryRepository();
}
