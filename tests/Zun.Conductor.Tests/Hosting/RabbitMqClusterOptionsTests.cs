using Zun.Hosting;

namespace Zun.Conductor.Tests.Hosting;

/// <summary><c>Zun:RabbitMq:Hosts</c>: a cluster's nodes beside the URL, checked at start and turned into connection endpoints.</summary>
public sealed class RabbitMqClusterOptionsTests
{
    [Theory]
    [InlineData("rabbit1")]
    [InlineData("rabbit1:")]
    [InlineData(":5672")]
    [InlineData("rabbit1:0")]
    [InlineData("rabbit1:65536")]
    [InlineData("rabbit1:56x2")]
    [InlineData("rabbit1:+5672")]
    [InlineData("rabbit 1:5672")]
    [InlineData("[::1]:5672")]
    [InlineData("amqp://rabbit1:5672")]
    [InlineData("")]
    public void A_node_that_is_not_host_and_port_is_refused_naming_its_setting_and_value(string node)
    {
        var options = new RabbitMqOptions { Hosts = ["rabbit0:5672", node] };

        var result = new RabbitMqOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith($"Zun:RabbitMq:Hosts:1 '{node}' is not host:port", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_named_by_DNS_name_or_IPv4_address_with_a_port_are_accepted()
    {
        var options = new RabbitMqOptions { Hosts = ["rabbit-1.example.org:5672", "127.0.0.1:5681", "rabbit3:65535"] };

        Assert.True(new RabbitMqOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_nodes_are_the_endpoints_in_their_order_without_the_urls_host()
    {
        var options = new RabbitMqOptions { Url = "amqp://zun:secret@ignored:5672/zun", Hosts = ["127.0.0.1:5681", "rabbit2:5682"] };

        Assert.Equal(["127.0.0.1:5681", "rabbit2:5682"], options.Endpoints().Select(e => $"{e.HostName}:{e.Port}"));
        Assert.All(options.Endpoints(), e => Assert.False(e.Ssl.Enabled));
    }

    [Fact]
    public void With_amqps_every_node_is_reached_over_TLS_checked_against_its_own_name()
    {
        var options = new RabbitMqOptions { Url = "amqps://zun:secret@ignored/zun", Hosts = ["rabbit1:5671", "rabbit2:5671"] };

        Assert.All(options.Endpoints(), e => Assert.True(e.Ssl.Enabled && e.Ssl.ServerName == e.HostName, $"{e.HostName}: TLS {e.Ssl.Enabled} for {e.Ssl.ServerName}"));
    }

    [Theory]
    [InlineData("amqp://zun:secret@broker:5673/zun", "broker:5673")]
    [InlineData("amqp://zun:secret@broker/zun", "broker:5672")]
    [InlineData("amqps://zun:secret@broker/zun", "broker:5671")]
    public void Without_nodes_the_one_endpoint_is_the_urls_host_and_port(string url, string expected)
    {
        var options = new RabbitMqOptions { Url = url };

        Assert.Equal([expected], options.Endpoints().Select(e => $"{e.HostName}:{e.Port}"));
    }

    [Theory]
    [InlineData(0, "a:1 b:2 c:3")]
    [InlineData(1, "b:2 c:3 a:1")]
    [InlineData(5, "c:3 a:1 b:2")]
    public void Starting_at_a_node_rotates_the_nodes_and_keeps_the_rest(int first, string expected)
    {
        var options = new RabbitMqOptions { Url = "amqp://zun:secret@ignored/zun", Hosts = ["a:1", "b:2", "c:3"], PrefetchCount = 7, QuorumQueues = false };

        var rotated = options.StartingAt(first);

        Assert.Equal(expected, string.Join(' ', rotated.Hosts));
        Assert.Equal((options.Url, 7, false), (rotated.Url, rotated.PrefetchCount, rotated.QuorumQueues));
    }
}
