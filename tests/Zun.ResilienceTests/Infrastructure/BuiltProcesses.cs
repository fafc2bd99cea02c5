using System.Reflection;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>Where the processes' dlls and the deployment scripts are, as recorded when this test project was built.</summary>
public static class BuiltProcesses
{
    /// <summary>src/Zun.Conductor/bin/&lt;configuration&gt;/net10.0/zun-conductor.dll.</summary>
    public static string ConductorDll => Metadata("ZunConductorDll");

    /// <summary>src/Zun.Worker/bin/&lt;configuration&gt;/net10.0/zun-worker.dll.</summary>
    public static string WorkerDll => Metadata("ZunWorkerDll");

    /// <summary>deploy/local/rabbitmq-cluster.sh of the checkout this test project was built from.</summary>
    public static string ClusterScript => Metadata("ZunClusterScript");

    /// <summary>src/Zun.Cli/bin/&lt;configuration&gt;/net10.0/zun.dll: the CLI, run as an operator runs it.</summary>
    public static string CliDll => Metadata("ZunCliDll");

    private static string Metadata(string key) =>
        typeof(BuiltProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} recorded at build time");
}
