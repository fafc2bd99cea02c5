using System.Reflection;

namespace Zun.Cli.Tests.Infrastructure;

/// <summary>Where the repository and the built CLI are, as recorded when this test project was built.</summary>
public static class Repository
{
    public static string Root => Metadata("RepositoryRoot");

    /// <summary>src/Zun.Cli/bin/&lt;the configuration these tests were built in&gt;/net10.0/zun.dll.</summary>
    public static string CliPath => Metadata("ZunCliPath");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} recorded at build time");
}
