using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace Zun.Conductor.Admission;

/// <summary>A message's own JSON and the document that holds it, disposed together.</summary>
internal sealed record MessageJson(JsonDocument Document, JsonElement Element) : IDisposable
{
    /// <summary>
    /// The message's own JSON: the <c>message</c> of a MassTransit envelope, or the whole body of a raw JSON message; null
    /// for any other content type.
    /// </summary>
    public static MessageJson? Of(ConsumeContext context)
    {
        var contentType = context.ReceiveContext.ContentType?.MediaType;
        var isEnvelope = string.Equals(contentType, SystemTextJsonMessageSerializer.JsonContentType.MediaType, StringComparison.OrdinalIgnoreCase);
        if (!isEnvelope && !string.Equals(contentType, SystemTextJsonRawMessageSerializer.JsonContentType.MediaType, StringComparison.OrdinalIgnoreCase))
            return null;

        var document = JsonDocument.Parse(context.ReceiveContext.Body.GetBytes(), CommandJson.Parsing);
        if (!isEnvelope)
            return new MessageJson(document, document.RootElement);

        var message = document.RootElement.EnumerateObject()
            .LastOrDefault(p => string.Equals(p.Name, "message", StringComparison.OrdinalIgnoreCase)).Value;
        return new MessageJson(document, message);
    }

    public void Dispose() => Document.Dispose();
}
