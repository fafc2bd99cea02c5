using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;

namespace Zun.Persistence.Tests.Configuration;

/// <summary><c>Zun:Store</c> as operators write it, and what the conductor does with it at start.</summary>
public sealed class StoreConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite", StoreProvider.Sqlite)]
    [InlineData("MONGODB", StoreProvider.MongoDb)]
    public void The_provider_is_read_in_any_case(string configured, StoreProvider expected)
    {
        using var host = Conductor(new() { ["Zun:Store:Provider"] = configured, ["Zun:Store:MongoDb:ConnectionString"] = "mongodb://127.0.0.1:1" });

        Assert.Equal(expected, host.Services.GetRequiredService<SagaStoreSelection>().Provider);
    }

    [Fact]
    public void With_nothing_configured_the_conductor_keeps_its_state_in_zun_conductor_db_in_the_working_directory()
    {
        using var host = Conductor(new());

        Assert.Equal(StoreProvider.Sqlite, host.Services.GetRequiredService<SagaStoreSelection>().Provider);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "zun-conductor.db"), host.Services.GetRequiredService<SqliteSagaDatabase>().Path);
    }

    [Fact]
    public async Task A_relative_sqlite_path_is_taken_from_the_working_directory_and_its_directory_created()
    {
        var directory = $"zun-store-test-{Guid.NewGuid():N}";
        var expected = Path.Combine(Environment.CurrentDirectory, directory, "state", "conductor.db");
        using (var host = Conductor(new() { ["Zun:Store:Sqlite:Path"] = Path.Combine(directory, "state", "conductor.db") }))
        {
            await host.StartAsync(Ct);
            await host.StopAsync(Ct);
        }

        try
        {
            Assert.True(File.Exists(expected), $"{expected} was not created");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.Combine(Environment.CurrentDirectory, directory), recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_provider_stops_the_conductor_at_start_naming_the_setting_and_the_choices()
    {
        using var host = Conductor(new() { ["Zun:Store:Provider"] = "Postgres" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Zun:Store:Provider 'Postgres' is not one of Sqlite, MongoDb", error.Message);
    }

    [Fact]
    public async Task MongoDb_without_a_connection_string_stops_the_conductor_at_start()
    {
        using var host = Conductor(new() { ["Zun:Store:Provider"] = "MongoDb" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Zun:Store:MongoDb:ConnectionString is required when Zun:Store:Provider is MongoDb", error.Message);
    }

    [Fact]
    public async Task A_malformed_MongoDb_connection_string_is_refused_without_repeating_its_password()
    {
        using var host = Conductor(new() { ["Zun:Store:Provider"] = "MongoDb", ["Zun:Store:MongoDb:ConnectionString"] = "mongodb://user:s3cret@" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Zun:Store:MongoDb:ConnectionString is not a MongoDB connection string", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public async Task An_unreachable_MongoDb_stops_the_conductor_at_start_naming_the_server()
    {
        using var host = Conductor(new()
        {
            ["Zun:Store:Provider"] = "MongoDb",
            ["Zun:Store:MongoDb:ConnectionString"] = "mongodb://127.0.0.1:1/?connectTimeoutMS=500",
            ["Zun:Store:MongoDb:StartTimeoutSeconds"] = "1",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("MongoDB at 127.0.0.1:1", error.Message);
        Assert.Contains("Zun:Store:MongoDb:ConnectionString", error.Message);
    }

    private static IHost Conductor(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddZunConductorServices();
        return builder.Build();
    }
}
