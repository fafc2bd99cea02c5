using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Placement;
using Zun.Conductor.Quotas;
using Zun.Conductor.Volumes;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Where the conductor's state lives: <c>Zun:Store:Provider</c> picks SQLite (the default) or MongoDB. Both are the same
/// saga repository (<see cref="DocumentSagaRepositoryContextFactory{TSaga}"/>) on a different
/// <see cref="ISagaDocumentStore{TSaga}"/>, and the operation records and schedules live beside the sagas.
/// </summary>
internal static class ConductorStoreRegistration
{
    /// <summary>The store's options, the stores themselves (created only if chosen) and their start-up check.</summary>
    public static IServiceCollection AddZunSagaStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(provider =>
            new SagaStoreSelection(provider.GetRequiredService<IOptions<StoreOptions>>().Value.ConfiguredProvider ?? StoreProvider.Sqlite));
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

    /// <summary>The operation records, in the chosen store beside the sagas (unless a journal is registered already).</summary>
    public static IServiceCollection AddZunOperationJournal(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<TrackedOperation>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<TrackedOperation>>());
        services.TryAddSingleton<IOperationJournal>(provider =>
            new DocumentOperationJournal(provider.GetRequiredService<ISagaDocumentStore<TrackedOperation>>()));
        return services;
    }

    /// <summary>The hosts' claim ledgers, in the chosen store beside the sagas (unless claims are registered already).</summary>
    public static IServiceCollection AddZunHostRecords(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<HostRecord>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<HostRecord>>());
        services.TryAddSingleton<IHostRecords>(provider =>
            new DocumentHostRecords(provider.GetRequiredService<ISagaDocumentStore<HostRecord>>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Projects' quotas and the quota classes, in the chosen store beside the sagas (unless their stores are registered already).</summary>
    public static IServiceCollection AddZunQuotas(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<ProjectQuotaRecord>);
        services.TryAddSingleton(CreateStore<QuotaClassRecord>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<ProjectQuotaRecord>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<QuotaClassRecord>>());
        services.TryAddSingleton<ProjectQuotas>();
        return services;
    }

    /// <summary>The projects' job lines, in the chosen store beside the sagas (unless their store is registered already).</summary>
    public static IServiceCollection AddZunJobQueues(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<Jobs.JobQueueRecord>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<Jobs.JobQueueRecord>>());
        services.TryAddSingleton<Jobs.JobQueues>();
        return services;
    }

    /// <summary>Zun's volumes, in the chosen store beside the sagas (unless their store is registered already).</summary>
    public static IServiceCollection AddZunVolumes(this IServiceCollection services)
    {
        services.TryAddSingleton(CreateStore<VolumeRecord>);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<VolumeRecord>>());
        services.TryAddSingleton<ZunVolumes>();
        return services;
    }

    /// <summary>Gives the saga the document repository on the chosen store.</summary>
    public static ISagaRegistrationConfigurator<T> UseZunDocumentRepository<T>(this ISagaRegistrationConfigurator<T> saga)
        where T : class, ISagaVersion
    {
        saga.Repository(r =>
        {
            r.TryAddSingleton(CreateStore<T>);
            r.AddScoped<DocumentSagaRepositoryContextFactory<T>>();
            r.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaStoreInitializer, SagaStoreInitializer<T>>());
            r.RegisterLoadSagaRepository<T, DocumentSagaRepositoryContextFactory<T>>();
            r.RegisterQuerySagaRepository<T, DocumentSagaRepositoryContextFactory<T>>();
            r.TryAddSingleton<ISagaReader<T>>(provider => new DocumentSagaReader<T>(provider.GetRequiredService<ISagaDocumentStore<T>>()));
            r.RegisterSagaRepository<T, ISagaDocumentStore<T>, SagaConsumeContextFactory<ISagaDocumentStore<T>, T>, DocumentSagaRepositoryContextFactory<T>>();
        });
        return saga;
    }

    private static ISagaDocumentStore<T> CreateStore<T>(IServiceProvider provider)
        where T : class, ISagaVersion
    {
        var fields = provider.GetService<SagaFieldMap<T>>() ?? SagaFieldMap<T>.Default;
        return provider.GetRequiredService<SagaStoreSelection>().Provider switch
        {
            StoreProvider.MongoDb => new MongoSagaStore<T>(provider.GetRequiredService<MongoSagaDatabase>(), fields),
            _ => new SqliteSagaStore<T>(
                provider.GetRequiredService<SqliteSagaDatabase>(), fields, provider.GetRequiredService<ILogger<SqliteSagaStore<T>>>()),
        };
    }
}
