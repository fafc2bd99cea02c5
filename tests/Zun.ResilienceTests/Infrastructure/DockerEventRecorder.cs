using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// Records Docker's own account of what happened to one worker host's containers (label zun.host), independently
/// of Zun: the order in which the engine created, started, stopped, paused... each container.
/// </summary>
public sealed class DockerEventRecorder : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<DockerEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _monitoring = Task.CompletedTask;

    /// <summary>Starts recording; events from a few seconds back are replayed by the engine, so nothing after this call is missed.</summary>
    public static DockerEventRecorder Start(IDockerClient docker, string workerHost)
    {
        var recorder = new DockerEventRecorder();
        var since = DateTimeOffset.UtcNow.AddSeconds(-2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var parameters = new ContainerEventsParameters
        {
            Since = since,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [$"zun.host={workerHost}"] = true },
            },
        };
        recorder._monitoring = Task.Run(async () =>
        {
            try
            {
                await docker.System.MonitorEventsAsync(parameters, new Recorder(recorder), recorder._stop.Token);
            }
            catch (OperationCanceledException) when (recorder._stop.IsCancellationRequested)
            {
            }
        });
        return recorder;
    }

    public IReadOnlyList<DockerEvent> All()
    {
        lock (_gate)
            return [.. _events];
    }

    /// <summary>The container's events in the engine's order, optionally only the listed actions.</summary>
    public IReadOnlyList<string> ActionsOf(Guid containerId, params string[] actions)
    {
        lock (_gate)
        {
            return [.. _events
                .Where(e => e.ContainerId == containerId && (actions.Length == 0 || actions.Contains(e.Action)))
                .OrderBy(e => e.TimeNano)
                .Select(e => e.Action)];
        }
    }

    /// <summary>Waits (on the events themselves, not by sleeping) until the recorded events satisfy the condition.</summary>
    public async Task<bool> WaitUntil(Func<IReadOnlyList<DockerEvent>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_events))
                    return true;
                changed = _changed.Task;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _monitoring;
        _stop.Dispose();
    }

    private void Add(Message message)
    {
        var attributes = message.Actor?.Attributes;
        if (attributes is null || !attributes.TryGetValue("zun.container-id", out var id) || !Guid.TryParse(id, out var containerId))
            return;

        // exec_create: ..., exec_start: ... carry the command after a colon; only the action matters here.
        var action = (message.Action ?? "").Split(':')[0].Trim();
        lock (_gate)
        {
            _events.Add(new DockerEvent(containerId, action, message.TimeNano ?? 0));
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Reports each event on the client's reading loop, in order (Progress&lt;T&gt; may reorder them).</summary>
    private sealed class Recorder(DockerEventRecorder recorder) : IProgress<Message>
    {
        public void Report(Message value) => recorder.Add(value);
    }
}
