using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Scheduling.Sqlite;

namespace Zun.Conductor.Scheduling;

/// <summary>Wiring of the durable scheduler into the conductor.</summary>
internal static class SchedulerServiceCollectionExtensions
{
    public static IServiceCollection AddZunScheduler(this IServiceCollection services)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchedulableMessageTypes>();
        services.AddSingleton<ScheduleSignal>();
        services.AddSingleton<IScheduleStore>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new SqliteScheduleStore(configuration["Zun:Store:Sqlite:Path"] ?? "zun-conductor.db", busyTimeoutSeconds: 10);
        });
        services.AddHostedService<ScheduledMessageDispatcher>();
        return services;
    }

    public static IBusRegistrationConfigurator AddZunSchedulerEndpoint(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ScheduleMessageConsumer, ScheduleMessageConsumerDefinition>();
        return x;
    }

    /// <summary>Makes <c>ScheduleSend</c> in consumers and sagas go to the scheduler endpoint.</summary>
    public static void UseZunScheduler(this IBusFactoryConfigurator cfg, IServiceProvider services) =>
        cfg.UseMessageScheduler(SchedulerEndpoint.Address(services.GetRequiredService<IOptions<ConductorOptions>>().Value));
}
