using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Placement;
using Zun.Conductor.StateMachines;
using Zun.Hosting;

namespace Zun.Conductor;

/// <summary>Wiring of the conductor process.</summary>
public static class ConductorServiceCollectionExtensions
{
    /// <summary>Adds the conductor: its options, its state machines and the bus they run on.</summary>
    public static IHostApplicationBuilder AddZunConductor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddZunConductorServices();
        builder.Services.AddZunBus(x => x.AddZunConductorStateMachines());
        return builder;
    }

    /// <summary>The conductor's services apart from the bus, so a test harness can host them too.</summary>
    public static IServiceCollection AddZunConductorServices(this IServiceCollection services)
    {
        services.AddOptions<ConductorOptions>()
            .BindConfiguration(ConductorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IWorkerDirectory, WorkerDirectory>();
        services.AddSingleton<ContainerWorkflow>();
        services.AddZunSagaStore();
        return services;
    }

    /// <summary>Registers the state machines and the heartbeat listener with MassTransit.</summary>
    public static IBusRegistrationConfigurator AddZunConductorStateMachines(this IBusRegistrationConfigurator x)
    {
        x.AddSagaStateMachine<ContainerStateMachine, TrackedContainer, ContainerStateMachineDefinition>().UseZunSagaRepository();
        x.AddSagaStateMachine<OperationStateMachine, TrackedOperation, OperationStateMachineDefinition>().UseZunSagaRepository();
        x.AddSagaStateMachine<ImagePullStateMachine, ImagePull, ImagePullStateMachineDefinition>().UseZunSagaRepository();
        x.AddConsumer<WorkerHeartbeatConsumer, WorkerHeartbeatConsumerDefinition>();
        return x;
    }
}
