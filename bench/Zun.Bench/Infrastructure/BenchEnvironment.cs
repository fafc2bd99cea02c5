using System.Reflection;

namespace Zun.Bench.Infrastructure;

/// <summary>Where things are: the repository, the built conductor and worker, the broker, the results.</summary>
internal sealed record BenchEnvironment(string RepositoryRoot, string Configuration, string RabbitUrl, Uri ManagementUrl, string? MongoUrl)
{
    public const string BusyboxImage = "127.0.0.1:5000/busybox:latest";

    /// <summary>Another build of the conductor to run instead (for before/after comparisons), or null for this repository's.</summary>
    public string? ConductorOverride { get; init; }

    public string? WorkerOverride { get; init; }

    public string ConductorDll => ConductorOverride ?? BuiltDll("Zun.Conductor", "zun-conductor");

    public string WorkerDll => WorkerOverride ?? BuiltDll("Zun.Worker", "zun-worker");

    public string ApiDll => BuiltDll("Zun.Api", "zun-api");

    /// <summary>This program, which also hosts a fleet of workers (its <c>fleet-workers</c> command).</summary>
    public string BenchDll => typeof(BenchEnvironment).Assembly.Location;

    /// <summary>The settings file zun-worker ships with, which a fleet of workers in one process reads as zun-worker does.</summary>
    public string WorkerSettingsFile => Path.Combine(Path.GetDirectoryName(WorkerDll)!, "appsettings.json");

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("zun-bench-").FullName;

    public static BenchEnvironment Discover(string rabbitUrl, string? managementUrl)
    {
        var configuration = typeof(BenchEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Zun.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"Zun.sln not found above {AppContext.BaseDirectory}; run the bench from the repository");

        var amqp = new Uri(rabbitUrl);
        var management = managementUrl is { Length: > 0 } ? new Uri(managementUrl) : new Uri($"http://{amqp.Host}:15672/");
        var mongo = Environment.GetEnvironmentVariable("ZUN_BENCH_MONGO_URL") is { Length: > 0 } bench
            ? bench
            : Environment.GetEnvironmentVariable("ZUN_TEST_MONGO_URL") is { Length: > 0 } test ? test : null;
        return new BenchEnvironment(root.FullName, configuration, rabbitUrl, management, mongo);
    }

    private string BuiltDll(string project, string assembly)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", $"{assembly}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the bench (it builds {project})", path);
    }
}
