using System.Globalization;
using Docker.DotNet.Models;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;
using ZunRestartPolicy = Zun.Contracts.RestartPolicy;

namespace Zun.Worker.Runtime;

/// <summary>Zun's container spec in the terms of Docker's create call.</summary>
internal static class CreateParametersBuilder
{
    private static readonly string[] Protocols = ["tcp", "udp", "sctp"];

    public static CreateContainerParameters Build(
        Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, string publishAddress)
    {
        var allLabels = new Dictionary<string, string>(spec.Labels ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in labels)
            allLabels[key] = value;

        var parameters = new CreateContainerParameters
        {
            Name = ContainerLabels.DockerName(containerId),
            Image = spec.Image,
            Labels = allLabels,
            Tty = spec.Tty,
            OpenStdin = spec.Interactive,
            HostConfig = new HostConfig
            {
                NanoCPUs = spec.Cpu is { } cpu ? (long)(cpu * 1_000_000_000) : 0,
                Memory = spec.MemoryMb is { } memory ? memory * 1024L * 1024L : 0,
                AutoRemove = spec.AutoRemove,
                Privileged = spec.Privileged,
            },
        };

        // Unset fields stay absent from the request, so the image's own defaults apply.
        if (spec.Entrypoint is { Length: > 0 } entrypoint)
            parameters.Entrypoint = entrypoint;
        if (spec.Command is { Length: > 0 } command)
            parameters.Cmd = command;
        if (spec.Environment is { Count: > 0 } environment)
            parameters.Env = [.. environment.Select(e => $"{e.Key}={e.Value}")];
        if (spec.Workdir is { Length: > 0 } workdir)
            parameters.WorkingDir = workdir;
        if (spec.Hostname is { Length: > 0 } hostname)
            parameters.Hostname = hostname;
        if (ToDocker(spec.RestartPolicy) is { } restartPolicy)
            parameters.HostConfig.RestartPolicy = restartPolicy;
        if (spec.Runtime is { Length: > 0 } runtime)
            parameters.HostConfig.Runtime = runtime;
        if (spec.Healthcheck is { } healthcheck)
            parameters.Healthcheck = ToDocker(healthcheck);

        // Injected files (bind mounts) are written into the container after its create, not mounted.
        if (spec.Mounts?.Where(m => m is { Type: "volume", DockerVolume: not null }).ToList() is { Count: > 0 } volumes)
            parameters.HostConfig.Mounts = [.. volumes.Select(v => new Mount { Type = "volume", Source = v.DockerVolume, Target = v.Destination, ReadOnly = v.ReadOnly })];

        if (spec.ExposedPorts is { Length: > 0 } ports)
        {
            var keys = ports.Select(PortKey).Distinct(StringComparer.Ordinal).ToArray();
            parameters.ExposedPorts = keys.ToDictionary(k => k, _ => new EmptyStruct(), StringComparer.Ordinal);

            // An empty host port lets Docker pick a free one, which inspect then reports.
            parameters.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>(StringComparer.Ordinal);
            foreach (var key in keys)
                parameters.HostConfig.PortBindings[key] = [new PortBinding { HostIP = publishAddress, HostPort = "" }];
        }

        return parameters;
    }

    /// <summary>Docker's key for an exposed port: <c>80</c> means <c>80/tcp</c>.</summary>
    public static string PortKey(string port)
    {
        var parts = port.Trim().Split('/', 2);
        var protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535
            || !Protocols.Contains(protocol))
        {
            throw new ContainerRuntimeException($"exposed port '{port}' is not a port (e.g. 80, 80/tcp or 53/udp)");
        }

        return $"{number}/{protocol}";
    }

    /// <summary>Run by the container's shell, as upstream passes its <c>cmd</c>; a field left out keeps Docker's default.</summary>
    private static HealthcheckConfig ToDocker(Zun.Contracts.Healthcheck healthcheck) => new()
    {
        Test = ["CMD-SHELL", healthcheck.Command],
        Interval = healthcheck.IntervalSeconds is { } interval ? TimeSpan.FromSeconds(interval) : TimeSpan.Zero,
        Timeout = healthcheck.TimeoutSeconds is { } timeout ? TimeSpan.FromSeconds(timeout) : TimeSpan.Zero,
        Retries = healthcheck.Retries ?? 0,
    };

    private static RestartPolicy? ToDocker(ZunRestartPolicy? policy) => policy?.Name.ToLowerInvariant() switch
    {
        null => null,
        "" or "no" => new RestartPolicy { Name = RestartPolicyKind.No },
        "always" => new RestartPolicy { Name = RestartPolicyKind.Always },
        "unless-stopped" => new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
        "on-failure" => new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = policy.MaximumRetryCount ?? 0 },
        _ => throw new ContainerRuntimeException(
            $"restart policy '{policy.Name}' is not one of no, always, on-failure, unless-stopped"),
    };
}
