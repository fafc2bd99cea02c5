using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Scheduling.MongoDb;
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
        // Schedules live in the same store as the sagas.
        services.AddSingleton<IScheduleStore>(sp => sp.GetRequiredService<SagaStoreSelection>().Provider switch
        {
            StoreProvider.MongoDb => new MongoScheduleStore(sp.GetRequiredService<MongoSagaDatabase>()),
            _ => new SqliteScheduleStore(sp.GetRequiredService<SqliteSagaDatabase>()),
        });
        services.AddHostedService<ScheduledMessageDispatcher>();
        return services;
    }

    /// <summary>
    /// Makes <c>ScheduleSend</c> in the conductor's consumers and sagas write to the schedule store directly: the
    /// conductor's only way to schedule, as it has no scheduler endpoint that takes
    /// <see cref="MassTransit.Scheduling.ScheduleMessage"/> from the broker.
    /// </summary>
    public static void UseZunScheduler(this IBusFactoryConfigurator cfg, IServiceProvider services) =>
        cfg.AddPrePipeSpecification(new StoreMessageSchedulerFilter(services.GetRequiredService<IScheduleStore>(), services.GetRequiredService<ScheduleSignal>()));
}
