using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Zun.Api.Policy;

/// <summary>
/// An operator's policy file as oslo.policy reads <c>policy.yaml</c>: one YAML mapping of rule name to rule (JSON,
/// being YAML, reads too). An empty file overrides nothing. Anything else (not YAML, not a mapping of strings to
/// strings, a name given twice, a rule that does not parse) is refused with its line.
/// </summary>
internal static class PolicyFile
{
    /// <summary>The entries of the file, unparsed.</summary>
    /// <exception cref="PolicyFileException">The file is missing or is not a mapping of strings to strings.</exception>
    public static IReadOnlyList<PolicyFileEntry> ReadEntries(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException(path, $"it cannot be read: {e.Message}");
        }

        var parser = new Parser(new StringReader(text));
        try
        {
            return Entries(path, parser);
        }
        catch (YamlException e)
        {
            throw new PolicyFileException(path, e.Start.Line, $"it is not valid YAML: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a place, on some malformed flow collections.
            throw new PolicyFileException(path, parser.Current?.End.Line ?? 1, $"it is not valid YAML after this line ({e.Message})");
        }
    }

    /// <summary>The entries' rules, parsed.</summary>
    /// <exception cref="PolicyFileException">A rule does not parse: the exception names its line and where in the rule.</exception>
    public static IReadOnlyList<PolicyRule> Parse(string path, IReadOnlyList<PolicyFileEntry> entries)
    {
        var rules = new List<PolicyRule>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                rules.Add(PolicyRule.Parse(entry.Name, entry.Rule));
            }
            catch (PolicySyntaxException e)
            {
                throw new PolicyFileException(path, entry.Line, e.Message);
            }
        }

        return rules;
    }

    private static List<PolicyFileEntry> Entries(string path, Parser parser)
    {
        var entries = new List<PolicyFileEntry>();
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
            return entries;

        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out _))
            throw new PolicyFileException(path, parser.Current?.Start.Line ?? 1, "it must be a mapping of rule names to rules (\"container:get_all\": \"rule:admin_api\")");

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var name = Scalar(path, parser, "a rule name");
            var rule = Scalar(path, parser, $"the rule of '{name.Value}'");
            if (!seen.TryAdd(name.Value, name.Start.Line))
                throw new PolicyFileException(path, name.Start.Line, $"'{name.Value}' is given a rule twice (first on line {seen[name.Value]})");
            entries.Add(new PolicyFileEntry(name.Value, rule.Value, rule.Start.Line));
        }

        parser.Consume<DocumentEnd>();
        if (!parser.TryConsume<StreamEnd>(out _))
            throw new PolicyFileException(path, parser.Current?.Start.Line ?? 1, "it holds more than one YAML document");
        return entries;
    }

    private static Scalar Scalar(string path, Parser parser, string what)
    {
        var line = parser.Current?.Start.Line ?? 1;
        return parser.TryConsume<Scalar>(out var scalar)
            ? scalar
            : throw new PolicyFileException(path, line, $"{what} must be a string");
    }
}
