using System.Text.Json;
using MassTransit;
using Zun.Conductor.Admission;
using Zun.Conductor.Commands;
using Zun.Conductor.Publishers;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Hosting;
using Zun.Hosting.Publishers;

namespace Zun.Conductor.Interop;

/// <summary>
/// Reads a plain-JSON command by its routing key, as <see cref="CommandJson"/> reads every command, and publishes it as
/// the typed command, so it takes exactly the path a MassTransit client's command takes, once its publisher is found
/// to be one that may send it (<see cref="PublisherScope"/>). A body that cannot be read is
/// refused to its operation, or, without one, throws <see cref="UnreadableCommandException"/>.
/// </summary>
internal sealed class JsonCommandConsumer(CommandRefusals refusals, PublisherPolicy policy, UntrustedMessages untrusted) : IConsumer<JsonCommand>
{
    public async Task Consume(ConsumeContext<JsonCommand> context)
    {
        var reading = Read(RoutingKey(context), context.ReceiveContext.Body.GetBytes());
        if (reading.Command is not { } command)
        {
            await refusals.Refuse(context, reading);
            return;
        }

        // Published again, the command is the conductor's: whether its publisher may send it is decided here, once.
        var publisher = policy.Of(context.ReceiveContext);
        if (PublisherScope.Problem(publisher, command as ICallerScope, reading.CommandType.Name) is { } problem)
        {
            untrusted.Refused(publisher, reading.CommandType.Name, problem);
            await refusals.Refuse(context, CommandReading.Refused(reading.CommandType, problem, reading.Address));
            return;
        }

        await context.Publish(command, reading.CommandType);
    }

    internal static CommandReading Read(string? routingKey, byte[] body)
    {
        using var document = JsonDocument.Parse(body, CommandJson.Parsing);
        return CommandJson.Read(CommandType(routingKey), document.RootElement);
    }

    /// <summary>The command the routing key names.</summary>
    internal static Type CommandType(string? routingKey) =>
        routingKey is not null && ContainerCommands.TypesByName.TryGetValue(routingKey, out var type)
            ? type
            : throw UnreadableCommandException.Of(null,
                $"unknown command {Quoted.Value(routingKey)}: the routing key must be one of {string.Join(", ", ContainerCommands.TypesByName.Keys)}");

    internal static string? RoutingKey(ConsumeContext context) => (context.ReceiveContext as RabbitMqBasicConsumeContext)?.RoutingKey;
}
