using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Zun.Client;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Cli.Output;

/// <summary>Writes results to stdout as Spectre.Console tables or as JSON in the contracts' shapes.</summary>
internal sealed class Renderer(CliConsole console, OutputFormat format)
{
    public OutputFormat Format => format;

    public bool IsJson => format == OutputFormat.Json;

    public void Json<T>(T value) => console.Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Indented));

    public void JsonLine<T>(T value) => console.Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Lines));

    public void Outcome(OperationOutcome outcome, string? containerName)
    {
        if (IsJson)
        {
            Json(outcome);
            return;
        }

        console.Ansi.Write(Grid(
            ("container", outcome.ContainerId?.ToString()),
            ("name", containerName),
            ("operation", outcome.OperationId.ToString()),
            ("action", outcome.Action.ToString()),
            ("state", outcome.State.ToString()),
            ("status", outcome.Status?.ToString()),
            ("exit code", outcome.ExitCode?.ToString(CultureInfo.InvariantCulture)),
            ("host", outcome.Host),
            ("reason", outcome.Reason)));
    }

    /// <summary>The conductor's answer to a command the CLI did not wait the outcome of.</summary>
    public void Acceptance(OperationAcceptance acceptance, string? containerName)
    {
        if (IsJson)
        {
            Json(acceptance);
            return;
        }

        console.Ansi.Write(Grid(
            ("container", acceptance.ContainerId?.ToString()),
            ("name", containerName),
            ("operation", acceptance.OperationId.ToString()),
            ("action", acceptance.Action.ToString()),
            ("state", acceptance.Accepted ? "accepted (its outcome follows: use --wait, or zun operation show <operation>)" : "rejected"),
            ("status", acceptance.Container?.Status.ToString()),
            ("reason", acceptance.Reason)));
    }

    public void Published(PublishedOperation published)
    {
        if (IsJson)
        {
            Json(published);
            return;
        }

        console.Ansi.Write(Grid(
            ("container", published.ContainerId?.ToString()),
            ("operation", published.OperationId.ToString()),
            ("action", published.Action.ToString()),
            ("state", "published (not waited for: use --wait, or zun operation show <operation>)")));
    }

    public void Container(ContainerInfo c)
    {
        if (IsJson)
        {
            Json(c);
            return;
        }

        console.Ansi.Write(Grid(
            ("id", c.ContainerId.ToString()),
            ("name", c.Name),
            ("image", c.Image),
            ("command", c.Command is { Length: > 0 } argv ? string.Join(' ', argv) : null),
            ("status", c.Status.ToString()),
            ("task state", TaskStateName(c.TaskState)),
            ("status reason", c.StatusReason),
            ("exit code", c.ExitCode?.ToString(CultureInfo.InvariantCulture)),
            ("health", c.Health),
            ("healthcheck", c.Healthcheck is { } check ? $"{check.Command} (every {check.IntervalSeconds?.ToString(CultureInfo.InvariantCulture) ?? "30"} s)" : null),
            ("host", c.Host),
            ("cpu", c.Cpu?.ToString(CultureInfo.InvariantCulture)),
            ("memory", c.MemoryMb is { } mb ? $"{mb} MiB" : null),
            ("ports", c.Ports.Length > 0 ? string.Join(", ", c.Ports.Select(p => $"{p.HostIp}:{p.HostPort}->{p.ContainerPort}")) : null),
            ("labels", c.Labels is { Count: > 0 } labels ? string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}")) : null),
            ("restart policy", c.RestartPolicy?.Name),
            ("project", c.ProjectId),
            ("user", c.UserId),
            ("created", Time(c.CreatedAt)),
            ("updated", Time(c.UpdatedAt))));

        if (c.RecentOperations.Length == 0)
            return;

        var table = new Table().Title("recent operations").AddColumns("OPERATION", "ACTION", "STATE", "ACCEPTED", "FINISHED", "REASON");
        foreach (var op in c.RecentOperations)
            table.AddRow(Cells(op.OperationId.ToString(), op.Action.ToString(), op.State.ToString(), Time(op.AcceptedAt), Time(op.FinishedAt), op.Reason));
        console.Ansi.Write(table);
    }

    public void Containers(IReadOnlyList<ContainerInfo> containers, bool quiet)
    {
        if (IsJson)
        {
            Json(new ContainerList { Containers = [.. containers] });
            return;
        }

        if (quiet)
        {
            foreach (var c in containers)
                console.Out.WriteLine(c.ContainerId);
            return;
        }

        var table = new Table().AddColumns("ID", "NAME", "IMAGE", "STATUS", "TASK", "HOST", "CREATED");
        foreach (var c in containers)
            table.AddRow(Cells(ShortId(c.ContainerId), c.Name, c.Image, c.Status.ToString(), TaskStateName(c.TaskState), c.Host, Time(c.CreatedAt)));
        console.Ansi.Write(table);
    }

    public void Operation(OperationInfo o)
    {
        if (IsJson)
        {
            Json(o);
            return;
        }

        console.Ansi.Write(Grid(
            ("operation", o.OperationId.ToString()),
            ("container", o.ContainerId?.ToString()),
            ("action", o.Action.ToString()),
            ("state", o.State.ToString()),
            ("reason", o.Reason),
            ("host", o.Host),
            ("status", o.Status?.ToString()),
            ("exit code", o.ExitCode?.ToString(CultureInfo.InvariantCulture)),
            ("accepted", Time(o.AcceptedAt)),
            ("dispatched", Time(o.DispatchedAt)),
            ("finished", Time(o.FinishedAt))));
    }

    public void Top(ContainerTop top)
    {
        if (IsJson)
        {
            Json(top);
            return;
        }

        var table = new Table().AddColumns(top.Titles.Select(t => new TableColumn(Markup.Escape(t))).ToArray());
        foreach (var process in top.Processes)
            table.AddRow(Cells(process));
        console.Ansi.Write(table);
    }

    public void Stats(ContainerStats s)
    {
        if (IsJson)
        {
            Json(s);
            return;
        }

        console.Ansi.Write(Grid(
            ("container", s.ContainerId.ToString()),
            ("cpu", $"{s.CpuPercent.ToString("0.00", CultureInfo.InvariantCulture)} %"),
            ("memory", $"{Bytes(s.MemoryUsageBytes)} / {Bytes(s.MemoryLimitBytes)}"),
            ("network rx / tx", $"{Bytes(s.NetworkRxBytes)} / {Bytes(s.NetworkTxBytes)}"),
            ("block read / write", $"{Bytes(s.BlockReadBytes)} / {Bytes(s.BlockWriteBytes)}"),
            ("pids", s.Pids.ToString(CultureInfo.InvariantCulture)),
            ("sampled", Time(s.Timestamp))));
    }

    public void Hosts(IReadOnlyList<WorkerHeartbeat> hosts, TimeSpan listened)
    {
        if (IsJson)
        {
            Json(new { hosts });
            return;
        }

        if (hosts.Count == 0)
        {
            console.Note($"no worker heartbeat heard within {listened.TotalSeconds:0.#} s");
            return;
        }

        var table = new Table().AddColumns("HOST", "ENDPOINT", "CPUS", "MEMORY", "RUNNING", "TOTAL", "STARTED", "LAST SEEN");
        foreach (var h in hosts)
        {
            table.AddRow(Cells(h.Host, h.Endpoint, h.Cpus.ToString(CultureInfo.InvariantCulture), $"{h.MemoryMb} MiB",
                h.RunningContainers.ToString(CultureInfo.InvariantCulture), h.TotalContainers.ToString(CultureInfo.InvariantCulture),
                Time(h.StartedAt), Time(h.Timestamp)));
        }

        console.Ansi.Write(table);
    }

    /// <summary>The hosts' services as the conductor knows them: up or down, disabled (and why), forced down, zone and claims.</summary>
    public void Services(IReadOnlyList<WorkerHost> hosts)
    {
        if (IsJson)
        {
            Json(new { services = hosts });
            return;
        }

        if (hosts.Count == 0)
        {
            console.Note("the conductor knows no worker host");
            return;
        }

        var table = new Table().AddColumns("HOST", "STATE", "STATUS", "ZONE", "CPU CLAIMED", "MEMORY CLAIMED", "CONTAINERS", "LAST SEEN");
        foreach (var h in hosts)
        {
            var status = h.Disabled ? $"disabled{(h.DisabledReason is { } reason ? $": {reason}" : "")}" : "enabled";
            table.AddRow(Cells(h.Host, h.ForcedDown ? "down (forced)" : h.Up ? "up" : "down", status, h.AvailabilityZone,
                $"{h.CpuUsed.ToString("0.##", CultureInfo.InvariantCulture)} of {h.CpuClaimable.ToString("0.##", CultureInfo.InvariantCulture)}",
                $"{h.MemoryUsedMb} of {h.MemoryClaimableMb} MiB",
                h.TotalContainers.ToString(CultureInfo.InvariantCulture), Time(h.LastSeen)));
        }

        console.Ansi.Write(table);
    }

    /// <summary>Each zone once, with the hosts in it.</summary>
    public void Zones(IReadOnlyList<WorkerHost> hosts)
    {
        var zones = hosts.GroupBy(h => h.AvailabilityZone, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { availabilityZone = g.Key, hosts = g.Select(h => h.Host).Order(StringComparer.Ordinal).ToArray() }).ToList();
        if (IsJson)
        {
            Json(new { availabilityZones = zones });
            return;
        }

        var table = new Table().AddColumns("ZONE", "HOSTS");
        foreach (var zone in zones)
            table.AddRow(Cells(zone.availabilityZone, string.Join(", ", zone.hosts)));
        console.Ansi.Write(table);
    }

    public void Volume(VolumeInfo v)
    {
        if (IsJson)
        {
            Json(v);
            return;
        }

        console.Ansi.Write(Grid(
            ("id", v.VolumeId.ToString()),
            ("name", v.Name),
            ("size", $"{v.SizeGb} GiB (recorded; Docker's local driver does not enforce it)"),
            ("status", VolumeStatusName(v.Status)),
            ("host", v.Host),
            ("availability zone", v.AvailabilityZone),
            ("docker volume", v.DockerVolume),
            ("auto remove", v.AutoRemove ? "yes (removed with its container)" : null),
            ("attached to", v.AttachedTo.Length > 0 ? string.Join(", ", v.AttachedTo) : null),
            ("project", v.ProjectId),
            ("user", v.UserId),
            ("created", Time(v.CreatedAt))));
    }

    public void Volumes(IReadOnlyList<VolumeInfo> volumes)
    {
        if (IsJson)
        {
            Json(new VolumeList { Volumes = [.. volumes] });
            return;
        }

        var table = new Table().AddColumns("ID", "NAME", "SIZE", "STATUS", "HOST", "ATTACHED TO");
        foreach (var v in volumes)
            table.AddRow(Cells(ShortId(v.VolumeId), v.Name, $"{v.SizeGb} GiB", VolumeStatusName(v.Status), v.Host, string.Join(", ", v.AttachedTo.Select(ShortId))));
        console.Ansi.Write(table);
    }

    /// <summary>Cinder's words for a volume's status.</summary>
    private static string VolumeStatusName(VolumeStatus status) => status == VolumeStatus.InUse ? "in-use" : status.ToString().ToLowerInvariant();

    /// <summary>A project's limits (-1 shown as unlimited), and its usage when asked.</summary>
    public void Quota(QuotaSet quota)
    {
        if (IsJson)
        {
            Json(quota);
            return;
        }

        var usage = quota.Usage;
        var table = usage is null ? new Table().AddColumns("RESOURCE", "LIMIT") : new Table().AddColumns("RESOURCE", "LIMIT", "IN USE");
        foreach (var (resource, limit, used) in QuotaRows(quota.Limits, usage))
            table.AddRow(usage is null ? Cells(resource, limit) : Cells(resource, limit, used));
        console.Out.WriteLine($"project {quota.ProjectId ?? "(none)"}");
        console.Ansi.Write(table);
    }

    public void QuotaClass(QuotaClassSet quotaClass)
    {
        if (IsJson)
        {
            Json(quotaClass);
            return;
        }

        var table = new Table().AddColumns("RESOURCE", "LIMIT");
        foreach (var (resource, limit, _) in QuotaRows(quotaClass.Limits, usage: null))
            table.AddRow(Cells(resource, limit));
        console.Out.WriteLine($"quota class {quotaClass.ClassName}");
        console.Ansi.Write(table);
    }

    private static IEnumerable<(string Resource, string Limit, string? Used)> QuotaRows(QuotaLimits limits, QuotaUsage? usage)
    {
        static string Limit(int? limit, string unit) => limit is null or QuotaLimits.Unlimited ? "unlimited" : $"{limit}{unit}";
        yield return ("containers", Limit(limits.Containers, ""), usage?.Containers.ToString(CultureInfo.InvariantCulture));
        yield return ("cpu", Limit(limits.Cpu, ""), usage?.Cpu.ToString("0.##", CultureInfo.InvariantCulture));
        yield return ("memory", Limit(limits.MemoryMb, " MiB"), usage is null ? null : $"{usage.MemoryMb} MiB");
        yield return ("disk", Limit(limits.DiskGb, " GiB"), usage is null ? null : $"{usage.DiskGb} GiB");
    }

    /// <summary>What a service command left.</summary>
    public void Service(ServiceState state)
    {
        if (IsJson)
        {
            Json(state);
            return;
        }

        console.Out.WriteLine(state.Deleted ? $"service zun-compute on host {state.Host} deleted"
            : $"{state.Host}: {(state.Disabled ? $"disabled{(state.DisabledReason is { } reason ? $" ({reason})" : "")}" : "enabled")}{(state.ForcedDown ? ", forced down" : "")}");
    }

    public void Event(ZunEvent received)
    {
        if (IsJson)
        {
            JsonLine(received);
            return;
        }

        console.Out.WriteLine($"{received.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {received.Type} {EventText.Describe(received.Message)}");
    }

    public static string ShortId(Guid id) => id.ToString("N")[..12];

    public static string? TaskStateName(TaskState? state) => state is { } s ? JsonSerializer.Serialize(s).Trim('"') : null;

    private static string? Time(DateTimeOffset? time) =>
        time is { } t && t != default ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture)} MiB",
        >= 1L << 10 => $"{(bytes / (double)(1L << 10)).ToString("0.##", CultureInfo.InvariantCulture)} KiB",
        _ => $"{bytes} B",
    };

    private static IRenderable[] Cells(params string?[] values) => [.. values.Select(v => new Text(v ?? "-"))];

    private static Grid Grid(params (string Name, string? Value)[] rows)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in rows.Where(r => r.Value is not null))
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value!));
        return grid;
    }
}
