using System.Globalization;

namespace Zun.Hosting;

/// <summary>One RabbitMQ node of a cluster, as <c>Zun:RabbitMq:Hosts</c> lists it: <c>host:port</c>.</summary>
/// <param name="Host">A DNS name or an IPv4 address (MassTransit's cluster nodes cannot carry an IPv6 literal).</param>
/// <param name="Port">The node's AMQP port.</param>
public readonly record struct BrokerNode(string Host, int Port)
{
    /// <summary>Reads <c>host:port</c>; false for anything else, including a missing or out-of-range port.</summary>
    public static bool TryParse(string? text, out BrokerNode node)
    {
        node = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0)
            return false;

        var host = text[..colon];
        if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65_535)
        {
            return false;
        }

        node = new BrokerNode(host, port);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
