using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;
using Zun.Contracts;

namespace Zun.SchemaGen;

/// <summary>
/// The JSON Schema of every command, as a non-.NET client publishes it: camelCase names, enums as
/// strings, descriptions from the contracts' XML documentation. Generated with .NET's own
/// <see cref="JsonSchemaExporter"/>, so the schemas follow the types.
/// </summary>
public static class CommandSchemas
{
    /// <summary>Every command a client may publish: the contracts' implementations of <see cref="IZunCommand"/>.</summary>
    public static readonly IReadOnlyList<Type> Commands =
    [
        .. typeof(IZunCommand).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IZunCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    /// <summary>The fields the conductor rejects a command without.</summary>
    private static readonly string[] RequiredIds = ["operationId", "containerId"];

    private static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

        // Numbers are written as numbers; the web defaults would also allow them as strings.
        NumberHandling = JsonNumberHandling.Strict,

        // The conductor refuses fields a command does not have, so the schemas say "additionalProperties": false.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions Writer = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>File name (<c>CreateContainer.schema.json</c>) to file content, for every command.</summary>
    public static IReadOnlyDictionary<string, string> Generate()
    {
        var docs = XmlDocs.For(typeof(CreateContainer).Assembly);
        return Commands.ToDictionary(t => FileName(t), t => Schema(t, docs), StringComparer.Ordinal);
    }

    public static string FileName(Type command) => $"{command.Name}.schema.json";

    private static string Schema(Type command, XmlDocs docs)
    {
        var exported = JsonSchemaExporter.GetJsonSchemaAsNode(Serializer, command, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.PropertyInfo?.AttributeProvider is MemberInfo member && docs.Summary(member) is { } summary && node is JsonObject property)
                    property.Insert(0, "description", summary);
                return node;
            },
        }).AsObject();

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = command.Name,
            ["description"] = docs.Summary(command) ?? command.Name,
        };
        foreach (var (name, value) in exported.ToList())
        {
            exported.Remove(name);
            schema[name] = value;
        }

        var properties = schema["properties"]!.AsObject();
        schema["required"] = new JsonArray([.. RequiredIds.Where(properties.ContainsKey).Select(id => JsonValue.Create(id))]);
        return schema.ToJsonString(Writer).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The <c>summary</c> texts of an assembly's XML documentation file, by member.</summary>
    private sealed class XmlDocs(Dictionary<string, string> summaries)
    {
        public static XmlDocs For(Assembly assembly)
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(path))
                throw new FileNotFoundException($"the XML documentation of {assembly.GetName().Name} is not beside it", path);

            var summaries = XDocument.Load(path).Descendants("member")
                .Where(m => m.Element("summary") is not null)
                .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!), StringComparer.Ordinal);
            return new XmlDocs(summaries);
        }

        public string? Summary(MemberInfo member) => summaries.GetValueOrDefault(member switch
        {
            Type type => $"T:{type.FullName}",
            PropertyInfo property => $"P:{property.DeclaringType!.FullName}.{property.Name}",
            _ => "",
        });

        /// <summary>Plain text: <c>see cref</c> becomes the name it points at, whitespace is collapsed.</summary>
        private static string Text(XElement summary)
        {
            var parts = summary.Nodes().Select(node => node switch
            {
                XText text => text.Value,
                XElement { Name.LocalName: "see" } see => Camel(((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split('.', ':')[^1]),
                XElement element => element.Value,
                _ => "",
            });
            return string.Join(' ', string.Concat(parts).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        private static string Camel(string name) => name.Length > 0 ? char.ToLowerInvariant(name[0]) + name[1..] : name;
    }
}
