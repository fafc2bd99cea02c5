using System.Net.Sockets;
using Zun.Hosting;

namespace Zun.Client;

/// <summary>
/// Which of a cluster's nodes accept a connection now. A bus that cannot reach its first node at start waits for
/// MassTransit's reconnect delay before it tries the next, longer than a CLI's connect timeout: a client starts at a
/// node that answers instead.
/// </summary>
internal static class NodeReachability
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The settings with the nodes rotated to begin at the first, in their order, that accepts a TCP connection;
    /// unchanged when there is no choice to make or no node answers (the bus then reports why).
    /// </summary>
    public static async Task<RabbitMqOptions> StartingAtAnAnsweringNodeAsync(RabbitMqOptions rabbit, CancellationToken cancellationToken)
    {
        if (rabbit.Hosts.Count < 2)
            return rabbit;

        // All at once: a node that is down refuses at once, one that is unreachable costs the probe's timeout.
        var answers = rabbit.Endpoints().Select(e => AcceptsAsync(e.HostName, e.Port, cancellationToken)).ToList();
        for (var i = 0; i < answers.Count; i++)
        {
            if (await answers[i])
                return rabbit.StartingAt(i);
        }

        return rabbit;
    }

    private static async Task<bool> AcceptsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, probe.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
