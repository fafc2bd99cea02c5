using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Zun.Conductor.Commands;

namespace Zun.Conductor.Interop;

/// <summary>
/// Reads a plain-JSON command by its routing key and publishes it as the typed command, so it takes
/// exactly the path a MassTransit client's command takes. A body that cannot be read throws
/// <see cref="InvalidJsonCommandException"/>, which <see cref="UnreadableCommandObserver"/> reports.
/// </summary>
internal sealed class JsonCommandConsumer : IConsumer<JsonCommand>
{
    /// <summary>The contract's wire format: camelCase names (accepted in any case), enums as strings, unknown fields refused.</summary>
    internal static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task Consume(ConsumeContext<JsonCommand> context)
    {
        var routingKey = (context.ReceiveContext as RabbitMqBasicConsumeContext)?.RoutingKey;
        var (command, type) = Read(routingKey, context.ReceiveContext.Body.GetBytes());
        await context.Publish(command, type);
    }

    internal static (object Command, Type Type) Read(string? routingKey, byte[] body)
    {
        if (routingKey is null || !ContainerCommands.TypesByName.TryGetValue(routingKey, out var type))
        {
            throw new InvalidJsonCommandException(
                $"unknown command '{routingKey}': the routing key must be one of {string.Join(", ", ContainerCommands.TypesByName.Keys)}");
        }

        try
        {
            return (JsonSerializer.Deserialize(body, type, Wire) ?? throw new InvalidJsonCommandException($"{routingKey}: the body is JSON null"), type);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            throw new InvalidJsonCommandException($"{routingKey}: the body is not a valid {routingKey}{where}: {e.Message}", e);
        }
    }
}
