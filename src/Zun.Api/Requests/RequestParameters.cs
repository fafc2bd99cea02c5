using System.Text.Json;
using System.Text.Json.Nodes;
using Zun.Api.Errors;

namespace Zun.Api.Requests;

/// <summary>
/// A request's parameters from the query string and a JSON body alike, as upstream's framework merges them:
/// the body wins where both name a field. Values keep their JSON type; query values are strings.
/// </summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, JsonNode?> _values;

    private RequestParameters(Dictionary<string, JsonNode?> values, JsonObject? body)
    {
        _values = values;
        Body = body;
    }

    /// <summary>The JSON body, when the request had one.</summary>
    public JsonObject? Body { get; }

    public IEnumerable<string> Names => _values.Keys;

    /// <param name="context">The request.</param>
    /// <param name="bodyLimit">The largest body accepted, and the setting that says so (named when a body is larger).</param>
    public static async Task<RequestParameters> ReadAsync(HttpContext context, (int Bytes, string Setting) bodyLimit)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Request.Query)
        {
            // python-zunclient urlencodes parameters it has no value for as the word None (stop?timeout=None).
            if (value.ToString() != "None")
                values[name] = JsonValue.Create(value.ToString());
        }

        var body = await ReadBodyAsync(context, bodyLimit);
        if (body is not null)
        {
            foreach (var (name, value) in body)
                values[name] = value;
        }

        return new RequestParameters(values, body);
    }

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value is not null;

    public JsonNode? Node(string name) => _values.GetValueOrDefault(name);

    /// <summary>Refuses any parameter outside <paramref name="allowed"/>, naming it, as upstream's schemas do.</summary>
    public void AllowOnly(params string[] allowed)
    {
        var unknown = _values.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw ApiException.BadRequest($"Invalid input: additional properties are not allowed ({string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "was" : "were")} unexpected)");
    }

    public string? String(string name)
    {
        var node = Node(name);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) => text,
            _ => throw Invalid(name, node, "a string"),
        };
    }

    public bool Bool(string name, bool whenAbsent)
    {
        var node = Node(name);
        if (node is null)
            return whenAbsent;
        if (node is JsonValue value && value.TryGetValue(out bool flag))
            return flag;
        if (node is JsonValue text && text.TryGetValue(out string? word) && ParameterValues.TryParseBool(word, out var parsed))
            return parsed;
        throw Invalid(name, node, "a boolean (true, false, True, False, 1, 0, yes, no, on, off)");
    }

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, given as a JSON number or as digits (a minus before them allowed).</summary>
    public long? Integer(string name, long minimum = 0, long maximum = long.MaxValue)
    {
        var node = Node(name);
        long? number = node switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out long n) => n,
            JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseSignedDigits(text, out var n) => n,
            _ => throw Invalid(name, node, "a whole number"),
        };
        if (number < minimum)
            throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {number}. {number} is less than the minimum of {minimum}");
        if (number > maximum)
            throw ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {number}. {number} is greater than the maximum of {maximum}");
        return number;
    }

    /// <summary>A number (integer or decimal) given as a JSON number or as a numeric string.</summary>
    public double? Number(string name)
    {
        var node = Node(name);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out double n) => n,
            JsonValue value when value.TryGetValue(out string? text) && ParameterValues.TryParseDecimal(text, out var n) => n,
            _ => throw Invalid(name, node, "a number"),
        };
    }

    public static ApiException Invalid(string name, JsonNode? node, string expected) =>
        ApiException.BadRequest($"Invalid input for field/attribute {name}. Value: {node?.ToJsonString() ?? "null"}. It must be {expected}");

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context, (int Bytes, string Setting) limit)
    {
        var request = context.Request;
        if (request.ContentLength is > 0 && request.ContentLength > limit.Bytes)
            throw TooLarge(limit);
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
            return null;

        // Read at most one byte more than allowed, so a chunked body that never ends cannot fill the memory.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit.Bytes)
                throw TooLarge(limit);
        }

        if (buffer.Length == 0)
            return null;
        try
        {
            return JsonNode.Parse(buffer.ToArray()) switch
            {
                JsonObject body => body,
                null => null,
                _ => throw ApiException.BadRequest("The request body must be a JSON object"),
            };
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    private static ApiException TooLarge((int Bytes, string Setting) limit) =>
        new(StatusCodes.Status413RequestEntityTooLarge, $"Request is too large: the body exceeds {limit.Bytes} bytes ({limit.Setting})");
}
