using Zun.Conductor.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Persistence;
using Zun.Conductor.Quotas;

namespace Zun.Testing.Harness;

public static class InMemoryQuotaStores
{
    /// <summary>Projects' quotas, the quota classes and the projects' job lines in memory, for a conductor on MassTransit's harness with its in-memory sagas.</summary>
    public static IServiceCollection AddInMemoryQuotaStores(this IServiceCollection services) =>
        services
            .AddSingleton<ISagaDocumentStore<ProjectQuotaRecord>, InMemorySagaDocumentStore<ProjectQuotaRecord>>()
            .AddSingleton<ISagaDocumentStore<QuotaClassRecord>, InMemorySagaDocumentStore<QuotaClassRecord>>()
            .AddSingleton<ISagaDocumentStore<JobQueueRecord>, InMemorySagaDocumentStore<JobQueueRecord>>();
}
