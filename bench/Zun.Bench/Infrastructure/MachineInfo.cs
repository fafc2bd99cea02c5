using System.Runtime.InteropServices;
using Docker.DotNet;
using Zun.Bench.Output;
using Zun.Testing;

namespace Zun.Bench.Infrastructure;

/// <summary>What the figures were measured on.</summary>
internal static class MachineInfo
{
    public static async Task<MachineDescription> DescribeAsync(RabbitMqManagement management)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        string docker;
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
            var version = await client.System.GetVersionAsync();
            docker = $"{version.Version} (API {version.APIVersion})";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or TimeoutException)
        {
            docker = "not reachable";
        }

        return new MachineDescription(
            Environment.ProcessorCount,
            Math.Round(memory, 1),
            os,
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?",
            RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal),
            await management.VersionAsync() ?? "unknown (management API not reachable)",
            docker,
            MachineLoad.LoadAverage1());
    }
}
