using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Persistence;
using Zun.Conductor.Quotas;

namespace Zun.Testing.Harness;

public static class InMemoryQuotaStores
{
    /// <summary>Projects' quotas and the quota classes in memory, for a conductor on MassTransit's harness with its in-memory sagas.</summary>
    public static IServiceCollection AddInMemoryQuotaStores(this IServiceCollection services) =>
        services
            .AddSingleton<ISagaDocumentStore<ProjectQuotaRecord>, InMemorySagaDocumentStore<ProjectQuotaRecord>>()
            .AddSingleton<ISagaDocumentStore<QuotaClassRecord>, InMemorySagaDocumentStore<QuotaClassRecord>>();
}
