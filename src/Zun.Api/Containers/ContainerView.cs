using System.Globalization;
using System.Text.Json.Nodes;
using Zun.Api.Requests;
using Zun.Api.Root;
using Zun.Api.Versioning;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// A container as upstream's containers_view shows it, with each key from the microversion that introduced it, and
/// without the keys whose <c>container:get_one:&lt;key&gt;</c> rule denies the caller (by default <c>host</c>,
/// <c>runtime</c>, <c>privileged</c> and <c>image_pull_policy</c> are for admins).
/// </summary>
internal static class ContainerView
{
    public static JsonObject Render(ContainerInfo c, ApiCall call)
    {
        var version = call.Version;
        var uuid = c.ContainerId.ToString("D");
        var view = new JsonObject
        {
            ["uuid"] = uuid,
            ["links"] = Links.For(call.BaseUrl, "containers", uuid),
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["command"] = version.IsAtLeast(1, 20)
                ? (c.Command is null ? null : new JsonArray([.. c.Command.Select(w => (JsonNode?)w)]))
                : (c.Command is null ? null : ShellWords.Join(c.Command)),
            ["status"] = c.Status.ToString(),
            ["status_reason"] = c.StatusReason,
            ["status_detail"] = StatusDetail(c),
            ["task_state"] = c.TaskState is { } task ? Snake(task.ToString()) : null,
            ["cpu"] = c.Cpu,
            ["memory"] = c.MemoryMb?.ToString(CultureInfo.InvariantCulture),
            ["environment"] = StringMap(c.Environment),
            ["workdir"] = c.Workdir,
            ["labels"] = StringMap(c.Labels),
            ["ports"] = new JsonArray([.. c.Ports.Select(p => (JsonNode?)PortNumber(p.ContainerPort))]),
            ["addresses"] = new JsonObject(),
            ["image_pull_policy"] = c.ImagePullPolicy,
            ["host"] = c.Host,
            ["restart_policy"] = c.RestartPolicy is { } policy
                ? new JsonObject { ["Name"] = policy.Name, ["MaximumRetryCount"] = (policy.MaximumRetryCount ?? 0).ToString(CultureInfo.InvariantCulture) }
                : null,
            ["interactive"] = c.Interactive,
            ["image_driver"] = "docker",
            ["security_groups"] = new JsonArray(),
            ["disk"] = 0,
            ["auto_heal"] = c.AutoHeal,
            ["project_id"] = c.ProjectId,
            ["user_id"] = c.UserId,
            ["created_at"] = Timestamps.Format(c.CreatedAt),
            ["updated_at"] = Timestamps.Format(c.UpdatedAt),
        };
        AddFrom(view, version, 1, 3, "auto_remove", c.AutoRemove);
        AddFrom(view, version, 1, 5, "runtime", c.Runtime);
        AddFrom(view, version, 1, 9, "hostname", c.Hostname);
        AddFrom(view, version, 1, 21, "privileged", c.Privileged);
        AddFrom(view, version, 1, 22, "healthcheck", c.Healthcheck is { } check
            ? new JsonObject { ["cmd"] = check.Command, ["interval"] = check.IntervalSeconds, ["retries"] = check.Retries, ["timeout"] = check.TimeoutSeconds }
            : null);
        AddFrom(view, version, 1, 28, "cpu_policy", "shared");
        AddFrom(view, version, 1, 31, "registry_id", null);
        AddFrom(view, version, 1, 36, "tty", c.Tty);
        AddFrom(view, version, 1, 40, "entrypoint", c.Entrypoint is null ? null : new JsonArray([.. c.Entrypoint.Select(w => (JsonNode?)w)]));
        foreach (var hidden in view.Select(p => p.Key).Where(k => !call.Policy.ShowsContainerKey(k)).ToList())
            view.Remove(hidden);
        return view;
    }

    private static void AddFrom(JsonObject view, ApiVersion version, int major, int minor, string key, JsonNode? value)
    {
        if (version.IsAtLeast(major, minor))
            view[key] = value;
    }

    /// <summary>Docker's own words for the state, as upstream shows them, where Zun knows enough to say (with its health, as <c>docker ps</c> shows it).</summary>
    private static string? StatusDetail(ContainerInfo c) => c.Status switch
    {
        ContainerStatus.Running when c.Health is { } health => $"Up ({health})",
        ContainerStatus.Running => "Up",
        ContainerStatus.Stopped when c.ExitCode is { } code => string.Create(CultureInfo.InvariantCulture, $"Exited({code})"),
        _ => null,
    };

    private static JsonObject StringMap(Dictionary<string, string>? map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map ?? [])
            result[key] = value;
        return result;
    }

    private static JsonNode PortNumber(string containerPort)
    {
        var number = containerPort.Split('/')[0];
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : containerPort;
    }

    /// <summary><c>ContainerCreating</c> as upstream spells task states: <c>container_creating</c>.</summary>
    internal static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}
