using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Conductor.Options;

namespace Zun.Conductor.Persistence;

/// <summary>Creates the table or indexes of <typeparamref name="TSaga"/> in the chosen store; nothing for in-memory.</summary>
internal sealed class SagaStoreInitializer<TSaga>(SagaStoreSelection selection, IServiceProvider services) : ISagaStoreInitializer
    where TSaga : class, ISagaVersion
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        selection.Provider == StoreProvider.InMemory
            ? Task.CompletedTask
            : services.GetRequiredService<ISagaDocumentStore<TSaga>>().InitializeAsync(cancellationToken);
}
