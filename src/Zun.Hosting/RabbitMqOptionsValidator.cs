using Microsoft.Extensions.Options;

namespace Zun.Hosting;

/// <summary>Rejects a broker URL or cluster node that cannot work, naming the setting, before anything connects.</summary>
public sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url))
            return ValidateOptionsResult.Fail($"{RabbitMqOptions.Section}:Url '{options.Url}' is not an absolute URL");

        if (url.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
            return ValidateOptionsResult.Fail($"{RabbitMqOptions.Section}:Url '{options.Url}' must use the amqp or amqps scheme");

        for (var i = 0; i < options.Hosts.Count; i++)
        {
            if (!BrokerNode.TryParse(options.Hosts[i], out _))
            {
                return ValidateOptionsResult.Fail(
                    $"{RabbitMqOptions.Section}:Hosts:{i} '{options.Hosts[i]}' is not host:port (a DNS name or IPv4 address, and a port from 1 to 65535)");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
