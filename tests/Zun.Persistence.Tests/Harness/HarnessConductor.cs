using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zun.Conductor;
using Zun.Conductor.Operations;
using Zun.Conductor.Placement;
using Zun.Conductor.Persistence;
using Zun.Persistence.Tests.Infrastructure;
using Zun.Testing;
using Zun.Testing.Harness;

namespace Zun.Persistence.Tests.Harness;

/// <summary>A conductor on MassTransit's in-memory test harness, wired as unit tests wire it.</summary>
public sealed class HarnessConductor : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private HarnessConductor(ServiceProvider provider, RecordingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _provider;

    /// <summary>The warnings and errors logged so far.</summary>
    public RecordingLoggerProvider Logs { get; }

    public static async Task<HarnessConductor> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var logs = new RecordingLoggerProvider();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
        // With a store configured, the conductor's own repositories on it; without, MassTransit's in-memory one.
        var inMemory = !settings.ContainsKey("Zun:Store:Provider");
        if (inMemory)
        {
            services.AddSingleton<IOperationJournal, InMemoryOperationJournal>();
            services.AddSingleton<IHostRecords, InMemoryHostRecords>();
            services.AddInMemoryQuotaStores();
            services.AddInMemoryVolumeStore();
        }
        services.AddZunConductorServices();
        services.AddMassTransitTestHarness(x =>
            x.AddZunConductorStateMachines(inMemory ? new InMemorySagaRepositories() : DocumentSagaRepositories.Instance));
        configure?.Invoke(services);

        var conductor = new HarnessConductor(services.BuildServiceProvider(validateScopes: true), logs);
        conductor.Harness.TestTimeout = TimeSpan.FromSeconds(15);
        await conductor.Harness.Start();
        return conductor;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
