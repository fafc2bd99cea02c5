using System.Globalization;
using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// What a container says about itself, asked of its worker through the conductor: logs, top, stats, its files
/// (<see cref="ContainerArchiveEndpoints"/>), and a non-interactive execute.
/// </summary>
internal static class ContainerReadEndpoints
{
    public static void Map(RouteGroupBuilder containers)
    {
        containers.MapGet("/{ident}/{action}", Read);
    }

    private static async Task<IResult> Read(HttpContext http, string ident, string action, ContainerLookup lookup, ZunConnection zun)
    {
        var call = await ApiCall.ReadAsync(http);
        var p = call.Parameters;
        switch (action)
        {
            case "logs":
            {
                p.AllowOnly("stdout", "stderr", "timestamps", "tail", "since");
                var request = LogsRequest(p);
                var container = await lookup.FindAsync(call, ident, ZunRules.Action(action));
                var logs = Answer(await zun.Client.GetContainerLogsAsync(
                    request with { ContainerId = container.ContainerId, ProjectId = call.Caller.ProjectId }, call.Aborted));
                return ApiResults.Json(JsonValue.Create(logs.Output));
            }

            case "top":
            {
                p.AllowOnly("ps_args");
                var psArgs = p.String("ps_args");
                var container = await lookup.FindAsync(call, ident, ZunRules.Action(action));
                var top = Answer(await zun.Client.GetContainerTopAsync(
                    new GetContainerTop { ContainerId = container.ContainerId, PsArgs = psArgs, ProjectId = call.Caller.ProjectId }, call.Aborted));
                return ApiResults.Json(new JsonObject
                {
                    ["Processes"] = new JsonArray([.. top.Processes.Select(row => (JsonNode)new JsonArray([.. row.Select(v => (JsonNode?)v)]))]),
                    ["Titles"] = new JsonArray([.. top.Titles.Select(t => (JsonNode?)t)]),
                });
            }

            case "stats":
            {
                p.AllowOnly();
                var container = await lookup.FindAsync(call, ident, ZunRules.Action(action));
                var stats = Answer(await zun.Client.GetContainerStatsAsync(
                    new GetContainerStats { ContainerId = container.ContainerId, ProjectId = call.Caller.ProjectId }, call.Aborted));
                return ApiResults.Json(StatsView(container, stats));
            }

            case "get_archive":
                return await ContainerArchiveEndpoints.Get(call, ident, lookup, zun);

            case "attach" or "network_list":
                throw ApiException.BadRequest($"The container action '{action}' is not supported by this deployment yet");
            default:
                throw ApiException.NotFound($"The resource could not be found: there is no container resource '{action}'");
        }
    }

    /// <summary>Non-interactive execute: the command runs to its end and its output and exit code come back.</summary>
    public static async Task<IResult> Execute(ApiCall call, string ident, ContainerLookup lookup)
    {
        var p = call.Parameters;
        p.AllowOnly("command", "run", "interactive");
        if (p.Bool("interactive", whenAbsent: false))
            throw ApiException.BadRequest("Interactive execute (a websocket to the exec) is not supported by this deployment yet");
        if (!p.Bool("run", whenAbsent: true))
            throw ApiException.BadRequest("execute with run=false (an exec started later) is not supported by this deployment yet");
        var line = p.String("command") ?? throw ApiException.BadRequest("Invalid input for field/attribute command: 'command' is required");
        var words = ShellWords.Split(line);
        if (words.Length == 0)
            throw ApiException.BadRequest("Invalid input for field/attribute command: it must not be empty");

        var container = await lookup.FindAsync(call, ident, ZunRules.Action("execute"));
        var zun = call.Http.RequestServices.GetRequiredService<ZunConnection>();
        var result = Answer(await zun.Client.ExecInContainerAsync(new ExecInContainer
        {
            OperationId = call.OperationId,
            ContainerId = container.ContainerId,
            Command = words,
            ProjectId = call.Caller.ProjectId,
            UserId = call.Caller.UserId,
        }, call.Aborted));
        return ApiResults.Json(new JsonObject
        {
            ["output"] = result.Output,
            ["exit_code"] = result.ExitCode,
            ["exec_id"] = null,
            ["proxy_url"] = null,
        });
    }

    private static GetContainerLogs LogsRequest(RequestParameters p)
    {
        var tail = p.Node("tail") is null || p.String("tail") is "all" ? (int?)null : (int?)Math.Min(p.Integer("tail") ?? 0, int.MaxValue);
        return new GetContainerLogs
        {
            Stdout = p.Bool("stdout", whenAbsent: true),
            Stderr = p.Bool("stderr", whenAbsent: true),
            Timestamps = p.Bool("timestamps", whenAbsent: false),
            Tail = tail,
            Since = Since(p),
        };
    }

    /// <summary><c>since</c> as upstream takes it: seconds since the epoch, or a date and time.</summary>
    private static DateTimeOffset? Since(RequestParameters p)
    {
        if (p.Node("since") is null)
            return null;
        if (p.Node("since") is JsonValue value && value.TryGetValue(out long epoch))
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        var text = p.String("since")!;
        if (ParameterValues.TryParseDigits(text, out var seconds))
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        string[] formats = ["yyyy-MM-dd HH:mm:ss,fff", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            ? time
            : throw ApiException.BadRequest($"Invalid input for field/attribute since. Value: '{text}'. It must be seconds since the epoch or a date and time");
    }

    /// <summary>Upstream's seven keys (docker stats' columns).</summary>
    private static JsonObject StatsView(ContainerInfo container, ContainerStats stats)
    {
        const double MiB = 1024 * 1024;
        return new JsonObject
        {
            ["CONTAINER"] = container.Name ?? container.ContainerId.ToString("D"),
            ["CPU %"] = Math.Round(stats.CpuPercent, 2),
            ["MEM USAGE(MiB)"] = Math.Round(stats.MemoryUsageBytes / MiB, 2),
            ["MEM LIMIT(MiB)"] = Math.Round(stats.MemoryLimitBytes / MiB, 2),
            ["MEM %"] = stats.MemoryLimitBytes > 0 ? 100.0 * stats.MemoryUsageBytes / stats.MemoryLimitBytes : 0,
            ["BLOCK I/O(B)"] = string.Create(CultureInfo.InvariantCulture, $"{stats.BlockReadBytes}/{stats.BlockWriteBytes}"),
            ["NET I/O(B)"] = string.Create(CultureInfo.InvariantCulture, $"{stats.NetworkRxBytes}/{stats.NetworkTxBytes}"),
        };
    }

    /// <summary>A worker's answer, or the status upstream gives its refusal.</summary>
    public static T Answer<T>(QueryResult<T> result)
        where T : class => result.Status switch
    {
        QueryStatus.Found when result.Value is not null => result.Value,
        QueryStatus.NotFound => throw new ApiException(StatusCodes.Status404NotFound, result.Reason ?? "Container could not be found.", code: "container.container-not-found"),
        _ => throw RejectionReasons.ToApiException(result.Reason ?? "rejected"),
    };
}
