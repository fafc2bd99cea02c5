using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.Worker.Runtime;

/// <summary>The engine's event stream about the containers of one host, read without holding the client's loop up.</summary>
internal sealed class DockerEvents(IDockerClient docker)
{
    /// <summary>The events that change what Zun knows about a container; the rest (exec_*, attach, ...) do not.</summary>
    private static readonly string[] WatchedEvents = ["start", "die", "oom", "destroy", "pause", "unpause", "restart", "health_status"];

    public async IAsyncEnumerable<RuntimeEvent> WatchAsync(
        string host, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            Since = EngineTime.ToQuery(since),
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
}
