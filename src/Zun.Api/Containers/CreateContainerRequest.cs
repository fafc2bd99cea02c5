using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Requests;
using Zun.Api.Versioning;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// Reads upstream's create body (schemas/containers.py at the request's microversion) into a
/// <see cref="CreateContainer"/>. Unknown fields are refused as upstream's <c>additionalProperties: false</c> refuses
/// them; fields upstream has and Zun does not implement yet are refused by name rather than ignored. An empty
/// value (<c>[]</c>, <c>{}</c>, <c>false</c>, <c>null</c>) is what clients send for "not given", so it is not refused.
/// </summary>
internal static class CreateContainerRequest
{
    private static readonly string[] Fields =
    [
        "name", "image", "command", "cpu", "cpu_policy", "memory", "workdir", "auto_remove", "image_pull_policy", "labels",
        "environment", "restart_policy", "interactive", "tty", "image_driver", "security_groups", "hints", "mounts", "nets",
        "runtime", "hostname", "disk", "availability_zone", "auto_heal", "privileged", "healthcheck", "exposed_ports", "registry",
    ];

    private static readonly string[] NotImplemented =
        ["nets", "security_groups", "disk", "cpu_policy", "registry"];

    private static readonly string[] PullPolicies = ["never", "always", "ifnotpresent"];

    private static readonly (string Field, int Minor)[] IntroducedIn =
        [("auto_remove", 3), ("runtime", 5), ("hostname", 9), ("mounts", 11), ("privileged", 21), ("healthcheck", 22), ("exposed_ports", 24), ("registry", 31)];

    public static CreateContainer Parse(JsonObject? body, ApiVersion version, RequestIdentity caller, Guid operationId, bool run)
    {
        if (body is null)
            throw ApiException.BadRequest("The request body must be a JSON object describing the container ('image' is required)");

        var allowed = Fields.Concat(version.IsAtLeast(1, 39) ? ["host"] : []).Concat(version.IsAtLeast(1, 40) ? ["entrypoint"] : []).ToArray();
        var unknown = body.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw ApiException.BadRequest($"Invalid input: additional properties are not allowed ({string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "was" : "were")} unexpected)");

        foreach (var field in NotImplemented.Where(f => IsGiven(body[f])))
            throw ApiException.BadRequest($"'{field}' is not supported by this deployment yet");
        if (Text(body, "image_driver") is { } driver && !string.Equals(driver, "docker", StringComparison.OrdinalIgnoreCase) && driver != "None")
            throw ApiException.BadRequest($"image_driver '{driver}' is not supported by this deployment (only 'docker' is)");
        foreach (var (field, minor) in IntroducedIn.Where(i => IsGiven(body[i.Field]) && !version.IsAtLeast(1, i.Minor)))
            throw ApiException.BadRequest($"'{field}' is not supported in microversion {version}; it needs 1.{minor} or later");

        var image = Text(body, "image");
        if (image is not { Length: >= 2 and <= 255 })
            throw ApiException.BadRequest("Invalid input for field/attribute image: 'image' is required, a string of 2 to 255 characters");

        return new CreateContainer
        {
            OperationId = operationId,
            ContainerId = Guid.NewGuid(),
            Image = image,
            Name = Name(body) ?? ContainerNames.Generate(),
            Command = Command(body["command"], version),
            Entrypoint = Words(body, "entrypoint"),
            Cpu = Cpu(body),
            MemoryMb = Memory(body, "memory"),
            Workdir = Text(body, "workdir"),
            Hostname = Hostname(body),
            Environment = StringMap(body, "environment"),
            Labels = StringMap(body, "labels"),
            AutoRemove = Flag(body, "auto_remove"),
            Interactive = Flag(body, "interactive"),
            Tty = Flag(body, "tty"),
            Privileged = Flag(body, "privileged"),
            AutoHeal = Flag(body, "auto_heal"),
            ImagePullPolicy = PullPolicy(body),
            Runtime = Text(body, "runtime"),
            Host = Text(body, "host"),
            AvailabilityZone = AvailabilityZone(body),
            Hints = StringMap(body, "hints"),
            RestartPolicy = Restart(body),
            Healthcheck = Health(body),
            ExposedPorts = ExposedPorts(body),
            Mounts = Mounts(body, version),
            Run = run,
            ProjectId = caller.ProjectId,
            UserId = caller.UserId,
        };
    }

    /// <summary>What a client sends for "not given": null, false, an empty string, list or object.</summary>
    private static bool IsGiven(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        JsonValue value when value.TryGetValue(out string? text) => text.Length > 0,
        _ => true,
    };

    internal static string? Text(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        var other => throw RequestParameters.Invalid(field, other, "a string"),
    };

    internal static string? Name(JsonObject body)
    {
        var name = Text(body, "name");
        if (name is null)
            return null;
        return ContainerNames.IsValid(name)
            ? name
            : throw ApiException.BadRequest($"Invalid input for field/attribute name. Value: '{name}'. It must be 2 to 255 characters of letters, digits, '_', '.' and '-', starting with a letter or digit");
    }

    private static string? AvailabilityZone(JsonObject body)
    {
        var zone = Text(body, "availability_zone");
        return zone is null or { Length: >= 1 and <= 255 }
            ? zone
            : throw ApiException.BadRequest($"Invalid input for field/attribute availability_zone. Value: '{zone}'. It must be 1 to 255 characters");
    }

    private static string? Hostname(JsonObject body)
    {
        var hostname = Text(body, "hostname");
        return hostname is null or { Length: >= 2 and <= 63 }
            ? hostname
            : throw ApiException.BadRequest($"Invalid input for field/attribute hostname. Value: '{hostname}'. It must be 2 to 63 characters");
    }

    private static string[]? Command(JsonNode? node, ApiVersion version)
    {
        if (node is null)
            return null;
        if (!version.IsAtLeast(1, 20))
        {
            return node is JsonValue value && value.TryGetValue(out string? line)
                ? ShellWords.Split(line)
                : throw RequestParameters.Invalid("command", node, "a string before microversion 1.20");
        }

        return node is JsonArray
            ? WordList("command", node)
            : throw RequestParameters.Invalid("command", node, "a list of strings from microversion 1.20");
    }

    private static string[]? Words(JsonObject body, string field) => body[field] is { } node ? WordList(field, node) : null;

    private static string[] WordList(string field, JsonNode node) =>
        node is JsonArray array && array.All(i => i is JsonValue v && v.TryGetValue(out string? _))
            ? [.. array.Select(i => i!.GetValue<string>())]
            : throw RequestParameters.Invalid(field, node, "a list of strings");

    private static double? Cpu(JsonObject body)
    {
        var cpu = body["cpu"] switch
        {
            null => (double?)null,
            JsonValue value when value.TryGetValue(out double n) => n,
            JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseDecimal(text, out var n) => n,
            var other => throw RequestParameters.Invalid("cpu", other, "a number of cores"),
        };
        return cpu is null or > 0 ? cpu : throw ApiException.BadRequest($"Invalid input for field/attribute cpu. Value: {cpu}. It must be a positive number of cores");
    }

    internal static int? Memory(JsonObject body, string field)
    {
        var memory = body[field] switch
        {
            null => (long?)null,
            JsonValue value when value.TryGetValue(out long n) => n,
            JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseDigits(text, out var n) => n,
            var other => throw RequestParameters.Invalid(field, other, "a whole number of MiB"),
        };
        return memory switch
        {
            null => null,
            <= 0 or > int.MaxValue => throw ApiException.BadRequest($"Invalid input for field/attribute {field}. Value: {memory}. It must be a positive number of MiB"),
            _ => (int)memory,
        };
    }

    private static bool Flag(JsonObject body, string field) => body[field] switch
    {
        null => false,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseBool(text, out var flag) => flag,
        var other => throw RequestParameters.Invalid(field, other, "a boolean"),
    };

    private static Dictionary<string, string>? StringMap(JsonObject body, string field)
    {
        if (body[field] is not { } node)
            return null;
        if (node is not JsonObject map || map.Any(p => p.Value is not JsonValue v || !v.TryGetValue(out string? _)))
            throw RequestParameters.Invalid(field, node, "an object whose values are strings");
        return map.Count == 0 ? null : map.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    private static string? PullPolicy(JsonObject body)
    {
        var policy = Text(body, "image_pull_policy");
        return policy is null || PullPolicies.Contains(policy.ToLowerInvariant())
            ? policy?.ToLowerInvariant()
            : throw ApiException.BadRequest($"Invalid input for field/attribute image_pull_policy. Value: '{policy}'. It must be one of never, always, ifnotpresent");
    }

    private static RestartPolicy? Restart(JsonObject body)
    {
        if (body["restart_policy"] is not { } node)
            return null;
        if (node is not JsonObject policy || policy.Any(p => p.Key is not ("Name" or "MaximumRetryCount")) || policy["Name"] is null)
            throw RequestParameters.Invalid("restart_policy", node, "an object with 'Name' and optionally 'MaximumRetryCount'");
        var name = Text(policy, "Name")!;
        var retries = Memory(policy, "MaximumRetryCount");
        return new RestartPolicy { Name = name, MaximumRetryCount = retries };
    }

    /// <summary>Upstream's <c>healthcheck</c>: <c>cmd</c> and the whole numbers <c>interval</c>, <c>retries</c>, <c>timeout</c>, each optional but the command.</summary>
    private static Healthcheck? Health(JsonObject body)
    {
        if (!IsGiven(body["healthcheck"]))
            return null;
        if (body["healthcheck"] is not JsonObject check || check.Any(p => p.Key is not ("cmd" or "interval" or "retries" or "timeout")))
            throw RequestParameters.Invalid("healthcheck", body["healthcheck"], "an object with 'cmd' and optionally 'interval', 'retries' and 'timeout'");

        int? Number(string field) => check[field] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out int n) => n,
            var other => throw RequestParameters.Invalid($"healthcheck.{field}", other, "a whole number"),
        };

        return new Healthcheck
        {
            Command = Text(check, "cmd") ?? throw ApiException.BadRequest("Invalid input for field/attribute healthcheck: 'cmd' is required"),
            IntervalSeconds = Number("interval"),
            Retries = Number("retries"),
            TimeoutSeconds = Number("timeout"),
        };
    }

    /// <summary>
    /// Upstream's <c>mounts</c>: each {type, source, destination, size} with a destination and a source or a size, nothing
    /// else; a <c>bind</c> mount (file injection, its source the file's content in base64) from 1.23, as upstream has it.
    /// </summary>
    private static ContainerMount[]? Mounts(JsonObject body, ApiVersion version)
    {
        if (!IsGiven(body["mounts"]))
            return null;
        if (body["mounts"] is not JsonArray items)
            throw RequestParameters.Invalid("mounts", body["mounts"], "a list of objects");

        return [.. items.Select(item =>
        {
            if (item is not JsonObject mount || mount.Any(p => p.Key is not ("type" or "source" or "destination" or "size")))
                throw RequestParameters.Invalid("mounts", item, "objects of 'type', 'source', 'destination' and 'size' only");
            var destination = Text(mount, "destination");
            var source = Text(mount, "source");
            var size = mount["size"] switch
            {
                null => (int?)null,
                JsonValue value when value.TryGetValue(out int n) => n,
                JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseDigits(text, out var n) && n <= int.MaxValue => (int)n,
                var other => throw RequestParameters.Invalid("mounts.size", other, "a whole number of GiB"),
            };
            if (destination is null || (source is null && size is null))
                throw ApiException.BadRequest("Invalid input for field/attribute mounts: each mount needs 'destination' and 'source' or 'size'");
            var type = Text(mount, "type");
            if (string.Equals(type, "bind", StringComparison.OrdinalIgnoreCase) && !version.IsAtLeast(1, 23))
                throw ApiException.BadRequest($"a 'bind' mount (file injection) is not supported in microversion {version}; it needs 1.23 or later");
            return new ContainerMount { Type = type, Source = source, Destination = destination, SizeGb = size };
        })];
    }

    private static string[]? ExposedPorts(JsonObject body) => body["exposed_ports"] switch
    {
        null => null,
        JsonObject ports => ports.Count == 0 ? null : [.. ports.Select(p => p.Key)],
        var other => throw RequestParameters.Invalid("exposed_ports", other, "an object such as {\"80/tcp\": {}}"),
    };
}
