using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Which saga repository the conductor's state machines get, chosen where they are registered: the conductor uses
/// <see cref="DocumentSagaRepositories"/>; tests on MassTransit's harness may give them its in-memory repository.
/// </summary>
public interface IConductorSagaRepositories
{
    void Use<T>(ISagaRegistrationConfigurator<T> saga)
        where T : class, ISagaVersion;
}
