using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Zun.Conductor.Persistence;

/// <summary>Creates the table or indexes of <typeparamref name="TSaga"/> in the chosen store.</summary>
internal sealed class SagaStoreInitializer<TSaga>(IServiceProvider services) : ISagaStoreInitializer
    where TSaga : class, ISagaVersion
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<ISagaDocumentStore<TSaga>>().InitializeAsync(cancellationToken);
}
