using System.Text.Json;
using MassTransit;
using Zun.Conductor.Admission;
using Zun.Conductor.Commands;
using Zun.Conductor.Validation;

namespace Zun.Conductor.Interop;

/// <summary>
/// Reads a plain-JSON command by its routing key, as <see cref="CommandJson"/> reads every command, and publishes it as
/// the typed command, so it takes exactly the path a MassTransit client's command takes. A body that cannot be read is
/// refused to its operation, or, without one, throws <see cref="UnreadableCommandException"/>.
/// </summary>
internal sealed class JsonCommandConsumer(CommandRefusals refusals) : IConsumer<JsonCommand>
{
    public async Task Consume(ConsumeContext<JsonCommand> context)
    {
        var reading = Read(RoutingKey(context), context.ReceiveContext.Body.GetBytes());
        if (reading.Command is { } command)
            await context.Publish(command, reading.CommandType);
        else
            await refusals.Refuse(context, reading);
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
