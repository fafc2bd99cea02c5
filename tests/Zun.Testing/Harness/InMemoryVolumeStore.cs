using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Persistence;
using Zun.Conductor.Volumes;

namespace Zun.Testing.Harness;

public static class InMemoryVolumeStore
{
    /// <summary>Zun's volume records in memory, for a conductor on MassTransit's harness with its in-memory sagas.</summary>
    public static IServiceCollection AddInMemoryVolumeStore(this IServiceCollection services) =>
        services.AddSingleton<ISagaDocumentStore<VolumeRecord>, InMemorySagaDocumentStore<VolumeRecord>>();
}
