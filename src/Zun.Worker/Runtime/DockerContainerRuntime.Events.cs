using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.Worker.Runtime;

/// <summary>What the host holds and what happens to it: the inventory and the engine's event stream.</summary>
internal sealed partial class DockerContainerRuntime
{
    /// <summary>The events that change what Zun knows about a container; the rest (exec_*, attach, ...) do not.</summary>
    private static readonly string[] WatchedEvents = ["start", "die", "oom", "destroy", "pause", "unpause", "restart"];

    public async Task<IReadOnlyList<RuntimeContainer>> ListAsync(string host, CancellationToken cancellationToken)
    {
        var listed = await EngineCall.RunAsync(() => docker.Containers.ListContainersAsync(HostContainers(host), cancellationToken));

        // The list has no exit codes or OOM flags; inspect gives each container's state the way actions report it.
        var containers = new List<RuntimeContainer>(listed.Count);
        foreach (var entry in listed)
        {
            // One removed since the list was taken is rightly absent.
            if (await EngineCall.NullIfNoContainerAsync(() => docker.Containers.InspectContainerAsync(entry.ID, cancellationToken)) is { } inspected)
                containers.Add(ToRuntimeContainer(inspected));
        }

        return containers;
    }

    public Task<DateTimeOffset> GetEngineTimeAsync(CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            return ParseEngineTime(info.SystemTime)
                ?? throw new ContainerRuntimeException($"the engine's clock reads '{info.SystemTime}', which is not a time", isTransient: true);
        });

    public async IAsyncEnumerable<RuntimeEvent> WatchEventsAsync(
        string host, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            Since = UnixTime(since),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Host}={host}"] = true },
                ["event"] = WatchedEvents.ToDictionary(e => e, _ => true),
            },
        };

        // The client reports each event on its reading loop; a channel hands them over without holding that loop up.
        var messages = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitoring = Monitor();
        try
        {
            await foreach (var message in messages.Reader.ReadAllAsync(cancellationToken))
            {
                if (ToRuntimeEvent(message) is { } runtimeEvent)
                    yield return runtimeEvent;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await monitoring;
        }

        async Task Monitor()
        {
            var failure = await EngineCall.FailureOfAsync(
                () => docker.System.MonitorEventsAsync(parameters, new SynchronousProgress<Message>(m => messages.Writer.TryWrite(m)), stop.Token),
                stop.Token);
            messages.Writer.TryComplete(failure);
        }
    }

    private static RuntimeEvent? ToRuntimeEvent(Message message)
    {
        var attributes = message.Actor?.Attributes?.AsReadOnly();
        if (ContainerLabels.ContainerIdOf(attributes) is not { } containerId || string.IsNullOrEmpty(message.Action))
            return null;

        var time = message.TimeNano is { } nanos
            ? DateTimeOffset.UnixEpoch.AddTicks(nanos / 100)
            : DateTimeOffset.FromUnixTimeSeconds(message.Time ?? 0);
        int? exitCode = attributes!.TryGetValue("exitCode", out var code)
                        && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        return new RuntimeEvent(containerId, message.Action, time, exitCode, ContainerLabels.IsAutoRemove(attributes));
    }

    /// <summary>The engine writes RFC 3339 with nanoseconds; .NET reads at most seven fraction digits.</summary>
    private static DateTimeOffset? ParseEngineTime(string? text) =>
        text is not null
        && DateTimeOffset.TryParse(
            ExcessFractionDigits().Replace(text, "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExcessFractionDigits();
}
