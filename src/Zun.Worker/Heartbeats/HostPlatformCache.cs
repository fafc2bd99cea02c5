using Zun.Contracts.Hosts;
using Zun.Worker.Runtime;

namespace Zun.Worker.Heartbeats;

/// <summary>
/// The host's platform as the engine last described it. It changes only when the machine or the engine is
/// reconfigured, so it is read when the worker starts and again with each inventory rather than on every heartbeat.
/// </summary>
internal sealed class HostPlatformCache(IContainerRuntime runtime)
{
    private volatile HostPlatform? _current;

    /// <summary>The latest platform read; null before the first read.</summary>
    public HostPlatform? Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        _current = await runtime.GetPlatformAsync(cancellationToken);
}
