using System.Reflection;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>Where the conductor's and the worker's dlls are, as recorded when this test project was built.</summary>
public static class BuiltProcesses
{
    /// <summary>src/Zun.Conductor/bin/&lt;configuration&gt;/net10.0/zun-conductor.dll.</summary>
    public static string ConductorDll => Metadata("ZunConductorDll");

    /// <summary>src/Zun.Worker/bin/&lt;configuration&gt;/net10.0/zun-worker.dll.</summary>
    public static string WorkerDll => Metadata("ZunWorkerDll");

    private static string Metadata(string key) =>
        typeof(BuiltProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} recorded at build time");
}
