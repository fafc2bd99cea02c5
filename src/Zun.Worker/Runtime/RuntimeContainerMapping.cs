using System.Globalization;
using Docker.DotNet.Models;
using Zun.Contracts;

namespace Zun.Worker.Runtime;

/// <summary>What the engine's inspect of a container says, in the terms actions and the inventory report.</summary>
internal static class RuntimeContainerMapping
{
    public static RuntimeContainer From(ContainerInspectResponse inspected)
    {
        var state = inspected.State ?? new Docker.DotNet.Models.State { Status = "unknown" };
        return new RuntimeContainer(
            inspected.ID,
            DockerStatusMapping.ToZunStatus(state),
            state.Running && !state.Paused,
            state.Running ? null : (int)state.ExitCode,
            DockerStatusMapping.Reason(state))
        {
            Ports = PublishedPorts(inspected.NetworkSettings),
            AutoRemove = inspected.HostConfig?.AutoRemove ?? false,
            Health = state.Health?.Status is { Length: > 0 } health && health != "none" ? health : null,
            Labels = inspected.Config?.Labels is { } labels
                ? new Dictionary<string, string>(labels, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            CreatedAt = inspected.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(inspected.Created, DateTimeKind.Utc)),
        };
    }

    private static PublishedPort[] PublishedPorts(NetworkSettings? network) =>
        network?.Ports is not { } ports
            ? []
            : [.. from port in ports
                  from binding in port.Value ?? []
                  where int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                  orderby port.Key, binding.HostIP
                  select new PublishedPort
                  {
                      ContainerPort = port.Key,
                      HostIp = binding.HostIP ?? "",
                      HostPort = int.Parse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture),
                  }];
}
