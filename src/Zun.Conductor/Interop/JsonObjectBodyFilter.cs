using System.Text.Json;
using MassTransit;
using Zun.Conductor.Admission;

namespace Zun.Conductor.Interop;

/// <summary>
/// Refuses a plain-JSON body that is not a JSON object (an array, a string, a number, null, nothing) as unreadable,
/// before MassTransit tries to make a <see cref="JsonCommand"/> of it: that fails in terms that name nothing, and no
/// <c>command.error</c> would say so.
/// </summary>
internal sealed class JsonObjectBodyFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var type = CommandType(context);
        var body = context.ReceiveContext.Body.GetBytes();
        var problem = body.Length == 0 ? "the body is empty" : ObjectProblem(body, type);
        return problem is null ? next.Send(context) : throw UnreadableCommandException.Of(type, problem);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("jsonObjectBody");

    // An unknown routing key is the first thing wrong with any body.
    private static Type CommandType(ConsumeContext context) => JsonCommandConsumer.CommandType(JsonCommandConsumer.RoutingKey(context));

    private static string? ObjectProblem(byte[] body, Type type)
    {
        using var document = JsonDocument.Parse(body, CommandJson.Parsing);
        return document.RootElement.ValueKind == JsonValueKind.Object ? null : JsonShape.Problem(document.RootElement, type, CommandJson.Options);
    }
}
