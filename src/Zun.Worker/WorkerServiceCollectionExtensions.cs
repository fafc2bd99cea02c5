using Docker.DotNet;
using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Hosting;
using Zun.Hosting.Publishers;
using Zun.Telemetry;
using Zun.Worker.Consumers;
using Zun.Worker.Heartbeats;
using Zun.Worker.LiveState;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker;

/// <summary>Wiring of the worker process.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>Adds the worker: Docker runtime, the host's work endpoint, heartbeats, and the live state of its containers.</summary>
    public static IHostApplicationBuilder AddZunWorker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddZunWorkerRuntime();
        builder.AddZunTelemetry("zun-worker", builder.Configuration[$"{WorkerOptions.Section}:Host"] ?? Environment.MachineName, ActionMetrics.MeterName);
        services.AddZunPublisherPolicy(ActionMetrics.MeterName);

        services.AddZunBus(
            x =>
            {
                x.AddConsumer<PerformContainerActionConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<PullImageOnHostConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<ExecInContainerConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<GetContainerLogsConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<GetContainerTopConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<GetContainerStatsConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<GetArchiveConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<PutArchiveConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<ReportInventoryConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<RemoveOrphanContainerConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<VolumeOnHostConsumer>().ExcludeFromConfigureEndpoints();
            },
            (context, cfg) =>
            {
                var worker = context.GetRequiredService<IOptions<WorkerOptions>>().Value;

                // Work is sent to exchange:<endpoint>, and the conductor forwards queries there too,
                // so the queue needs no message-type bindings.
                cfg.ReceiveEndpoint(worker.EndpointName, e =>
                {
                    e.ApplyQueueSettings(context);
                    e.ConfigureConsumeTopology = false;
                    e.ConcurrentMessageLimit = worker.ConcurrentActions;
                    e.UseFilter(ActivatorUtilities.CreateInstance<ConductorWorkFilter>(context));
                    WorkerRetryPolicy.Apply(e);
                    e.UseInMemoryOutbox(context);
                    e.ConfigureConsumer<PerformContainerActionConsumer>(context);
                    e.ConfigureConsumer<PullImageOnHostConsumer>(context);
                    e.ConfigureConsumer<ExecInContainerConsumer>(context);
                    e.ConfigureConsumer<GetContainerLogsConsumer>(context);
                    e.ConfigureConsumer<GetContainerTopConsumer>(context);
                    e.ConfigureConsumer<GetContainerStatsConsumer>(context);
                    e.ConfigureConsumer<GetArchiveConsumer>(context);
                    e.ConfigureConsumer<PutArchiveConsumer>(context);
                    e.ConfigureConsumer<ReportInventoryConsumer>(context);
                    e.ConfigureConsumer<RemoveOrphanContainerConsumer>(context);
                    e.ConfigureConsumer<VolumeOnHostConsumer>(context);
                });
            });

        // Registered after the bus so that what they publish goes out on a started bus.
        services.AddHostedService<HeartbeatPublisher>();
        services.AddZunWorkerLiveState();
        return builder;
    }

    /// <summary>Options, the Docker client, the runtime (Docker, or Null for benchmarks), and the action handler: everything but the bus and background work.</summary>
    internal static IServiceCollection AddZunWorkerRuntime(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddOptions<DockerOptions>().BindConfiguration(DockerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DockerOptions>, DockerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDockerClient>(sp =>
        {
            var docker = sp.GetRequiredService<IOptions<DockerOptions>>().Value;
            return new DockerClientBuilder()
                .WithEndpoint(new Uri(docker.Endpoint))
                .WithTimeout(TimeSpan.FromSeconds(docker.RequestTimeoutSeconds))
                .Build();
        });
        services.AddSingleton<IContainerRuntime>(sp =>
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Runtime == ContainerRuntimeKind.Null
                ? ActivatorUtilities.CreateInstance<NullContainerRuntime>(sp)
                : ActivatorUtilities.CreateInstance<DockerContainerRuntime>(sp));
        services.AddSingleton<IVolumeRuntime>(sp =>
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Runtime == ContainerRuntimeKind.Null
                ? ActivatorUtilities.CreateInstance<NullVolumeRuntime>(sp)
                : ActivatorUtilities.CreateInstance<DockerVolumes>(sp));
        services.AddSingleton<ContainerMounts>();
        services.AddSingleton<OwnActionEchoes>();
        services.AddSingleton<HostPlatformCache>();
        services.AddSingleton<EngineOutage>();
        services.AddScoped<ContainerActionHandler>();
        services.AddMetrics();
        services.AddSingleton<ActionMetrics>();
        return services;
    }

    /// <summary>The event follower and the periodic inventory, which publish on the bus.</summary>
    internal static IServiceCollection AddZunWorkerLiveState(this IServiceCollection services)
    {
        services.AddSingleton<HostInventoryPublisher>();
        services.AddSingleton<ContainerLocks>();
        services.AddHostedService<ContainerEventFollower>();
        services.AddHostedService<InventorySync>();
        return services;
    }
}
