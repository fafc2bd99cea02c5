using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Persistence.Sqlite;

namespace Zun.Conductor.Persistence;

/// <summary>
/// The one place that decides where saga instances live: <c>Zun:Store:Provider</c> picks SQLite (the default),
/// MongoDB, or MassTransit's in-memory repository. SQLite and MongoDB are the same repository
/// (<see cref="DocumentSagaRepositoryContextFactory{TSaga}"/>) on a different <see cref="ISagaDocumentStore{TSaga}"/>.
/// </summary>
internal static class SagaRepositoryChoice
{
    /// <summary>The store's options, the stores themselves (created only if chosen) and their start-up check.</summary>
    public static IServiceCollection AddZunSagaStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(Select);
        services.TryAddSingleton(provider =>
        {
            var sqlite = provider.GetRequiredService<IOptions<StoreOptions>>().Value.Sqlite;
            return new SqliteSagaDatabase(sqlite.FullPath, TimeSpan.FromSeconds(sqlite.BusyTimeoutSeconds));
        });
        services.TryAddSingleton(provider =>
        {
            var mongo = provider.GetRequiredService<IOptions<StoreOptions>>().Value.MongoDb;
            return new MongoSagaDatabase(mongo.ConnectionString!, mongo.Database);
        });
        services.AddConductorSagaFields();

        // Registered before the bus, so it runs before the bus starts receiving.
        services.AddHostedService<SagaStoreStartup>();
        return services;
    }

    /// <summary>The operation records, in the chosen store beside the sagas.</summary>
    public static IServiceCollection AddZunOperationJournal(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<TrackedOperation>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<TrackedOperation>>());
        services.TryAddSingleton<InMemoryOperationJournal>();
        services.TryAddSingleton<IOperationJournal>(provider =>
            provider.GetRequiredService<SagaStoreSelection>().Provider == StoreProvider.InMemory
                ? provider.GetRequiredService<InMemoryOperationJournal>()
                : new DocumentOperationJournal(provider.GetRequiredService<ISagaDocumentStore<TrackedOperation>>()));
        return services;
    }

    /// <summary>Gives the saga the chosen repository.</summary>
    public static ISagaRegistrationConfigurator<T> UseZunSagaRepository<T>(this ISagaRegistrationConfigurator<T> saga)
        where T : class, ISagaVersion
    {
        saga.Repository(r =>
        {
            // MassTransit's in-memory repository, as InMemoryRepository() would register it.
            r.TryAddSingleton<IndexedSagaDictionary<T>>();
            r.AddScoped<ISagaConsumeContextFactory<IndexedSagaDictionary<T>, T>, InMemorySagaConsumeContextFactory<T>>();
            r.AddScoped<InMemorySagaRepositoryContextFactory<T>>();

            // The document repository on whichever store is chosen.
            r.TryAddSingleton(CreateStore<T>);
            r.AddScoped<DocumentSagaRepositoryContextFactory<T>>();
            r.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<T>>());
            r.RegisterLoadSagaRepository<T, DocumentSagaRepositoryContextFactory<T>>();
            r.RegisterQuerySagaRepository<T, DocumentSagaRepositoryContextFactory<T>>();
            r.RegisterSagaRepository<T, ISagaDocumentStore<T>, SagaConsumeContextFactory<ISagaDocumentStore<T>, T>, DocumentSagaRepositoryContextFactory<T>>();

            // Configuration cannot be read while sagas are registered, so the choice is made when the bus resolves
            // the repository (once per message scope; the selection itself is made once). These registrations come
            // last and so are the ones resolved.
            r.AddScoped(provider => (ISagaRepositoryContextFactory<T>)Chosen<T>(provider));
            r.AddScoped(provider => (ILoadSagaRepositoryContextFactory<T>)Chosen<T>(provider));
            r.AddScoped(provider => (IQuerySagaRepositoryContextFactory<T>)Chosen<T>(provider));
        });
        return saga;
    }

    /// <summary>
    /// The configured provider; with none configured, SQLite, except under MassTransit's test harness: there
    /// in-memory, so harness tests neither share a file nor find instances left by earlier runs.
    /// </summary>
    private static SagaStoreSelection Select(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<StoreOptions>>().Value.ConfiguredProvider;
        var underTestHarness = provider.GetService<IServiceProviderIsService>()?.IsService(typeof(ITestHarness)) == true;
        return new SagaStoreSelection(configured ?? (underTestHarness ? StoreProvider.InMemory : StoreProvider.Sqlite));
    }

    /// <summary>The repository factory of the chosen provider; each implements the three factory interfaces.</summary>
    private static object Chosen<T>(IServiceProvider provider)
        where T : class, ISagaVersion =>
        provider.GetRequiredService<SagaStoreSelection>().Provider == StoreProvider.InMemory
            ? provider.GetRequiredService<InMemorySagaRepositoryContextFactory<T>>()
            : provider.GetRequiredService<DocumentSagaRepositoryContextFactory<T>>();

    private static ISagaDocumentStore<T> CreateStore<T>(IServiceProvider provider)
        where T : class, ISagaVersion
    {
        var fields = provider.GetService<SagaFieldMap<T>>() ?? SagaFieldMap<T>.Default;
        return provider.GetRequiredService<SagaStoreSelection>().Provider switch
        {
            StoreProvider.Sqlite => new SqliteSagaStore<T>(
                provider.GetRequiredService<SqliteSagaDatabase>(), fields, provider.GetRequiredService<ILogger<SqliteSagaStore<T>>>()),
            StoreProvider.MongoDb => new MongoSagaStore<T>(provider.GetRequiredService<MongoSagaDatabase>(), fields),
            var other => throw new InvalidOperationException($"{other} keeps {typeof(T).Name} in MassTransit's repository, not in a document store"),
        };
    }
}
