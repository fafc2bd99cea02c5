using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Zun.Conductor.Admission;
using Zun.Conductor.Interop;
using Zun.Conductor.Jobs;
using Zun.Conductor.Notifications;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Ordering;
using Zun.Conductor.Persistence;
using Zun.Conductor.Placement;
using Zun.Conductor.Publishers;
using Zun.Conductor.Queries;
using Zun.Conductor.Quotas;
using Zun.Conductor.Volumes;
using Zun.Conductor.Reconciliation;
using Zun.Conductor.Retention;
using Zun.Conductor.Scheduling;
using Zun.Conductor.Services;
using Zun.Conductor.StateMachines;
using Zun.Hosting;
using Zun.Hosting.Publishers;
using Zun.Telemetry;

namespace Zun.Conductor;

/// <summary>Wiring of the conductor process.</summary>
public static class ConductorServiceCollectionExtensions
{
    /// <summary>Adds the conductor: its options, its state machines and the bus they run on.</summary>
    public static IHostApplicationBuilder AddZunConductor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddZunConductorServices();
        builder.Services.AddZunScheduler();
        builder.Services.AddHostedService<HostDownWatcher>();
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<JsonCommandOptions>().BindConfiguration(JsonCommandOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetValue($"{NotificationOptions.Section}:Enabled", defaultValue: true))
            builder.Services.AddSingleton<INotificationPublisher, RabbitMqNotificationPublisher>();

        builder.AddZunTelemetry("zun-conductor", Environment.MachineName, OperationMetrics.MeterName);
        builder.Services.AddZunPublisherPolicy(OperationMetrics.MeterName);

        builder.Services.AddZunBus(
            x =>
            {
                x.AddZunConductorStateMachines(DocumentSagaRepositories.Instance);
                x.AddConsumer<JsonCommandConsumer>().ExcludeFromConfigureEndpoints();
            },
            (context, cfg) =>
            {
                cfg.UseZunScheduler(context);

                // On every endpoint, before anything reads the message: who published it decides whether it is acted on.
                cfg.UseFilterBeforeReading(ActivatorUtilities.CreateInstance<PublisherFilter>(context));
                JsonCommandEndpoint.Configure(context, cfg);
                cfg.ConnectReceiveObserver(UnreadableCommandObserver.For(context));
            });
        return builder;
    }

    /// <summary>The conductor's services apart from the bus, so a test harness can host them too.</summary>
    public static IServiceCollection AddZunConductorServices(this IServiceCollection services)
    {
        services.AddOptions<ConductorOptions>()
            .BindConfiguration(ConductorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<PlacementOptions>().BindConfiguration(PlacementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        services.AddSingleton<ContainerScheduler>();
        services.AddSingleton<ClaimResizer>();
        services.AddSingleton<PlacementMetrics>();
        services.TryAddSingleton<INotificationPublisher, NullNotificationPublisher>();
        services.AddMetrics();
        services.AddSingleton<OperationMetrics>();
        services.AddSingleton<OperationEventPublisher>();
        services.AddSingleton<CommandRefusals>();
        services.AddSingleton<DeliveryOrderGate>();
        services.AddZunSagaStore();
        services.AddZunOperationJournal();
        services.AddZunHostRecords();
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddZunQuotas();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddZunJobQueues();
        services.AddOptions<VolumeOptions>().BindConfiguration(VolumeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddZunVolumes();
        services.AddHostedService<FinishedRecordPurger>();
        return services;
    }

    /// <summary>Registers the state machines, on the given repositories, and the conductor's consumers with MassTransit.</summary>
    public static IBusRegistrationConfigurator AddZunConductorStateMachines(this IBusRegistrationConfigurator x, IConductorSagaRepositories repositories)
    {
        repositories.Use(x.AddSagaStateMachine<ContainerStateMachine, TrackedContainer, ContainerStateMachineDefinition>());
        repositories.Use(x.AddSagaStateMachine<ImagePullStateMachine, ImagePull, ImagePullStateMachineDefinition>());
        repositories.Use(x.AddSagaStateMachine<BatchJobStateMachine, TrackedJob, BatchJobStateMachineDefinition>());
        x.AddConsumer<ContainerDeletionWatch, ContainerDeletionWatchDefinition>();
        x.AddConsumer<JobQueryConsumer, QueryConsumerDefinition<JobQueryConsumer>>();

        // Queries read whole instances; a repository that registers no reader of its own is read through MassTransit's.
        x.TryAdd(ServiceDescriptor.Scoped(typeof(ISagaReader<>), typeof(SagaRepositoryReader<>)));
        x.AddConsumer<WorkerHeartbeatConsumer, WorkerHeartbeatConsumerDefinition>();
        x.AddConsumer<ListContainersConsumer, QueryConsumerDefinition<ListContainersConsumer>>();
        x.AddConsumer<GetOperationConsumer, QueryConsumerDefinition<GetOperationConsumer>>();
        x.AddConsumer<ListHostsConsumer, QueryConsumerDefinition<ListHostsConsumer>>();
        x.AddConsumer<HostInventoryConsumer, HostInventoryConsumerDefinition>();
        x.AddConsumer<ServiceCommandConsumer, QueryConsumerDefinition<ServiceCommandConsumer>>();
        x.AddConsumer<QuotaRequestConsumer, QueryConsumerDefinition<QuotaRequestConsumer>>();
        x.AddConsumer<VolumeRequestConsumer, QueryConsumerDefinition<VolumeRequestConsumer>>();
        return x;
    }
}
