using System.CommandLine;

namespace Zun.Cli.Parsing;

/// <summary>
/// <c>zun run IMAGE sh -c 'echo hi'</c> and <c>zun exec web ls -l</c>: as with docker, everything after the
/// image (or the container) belongs to the container's command, even what looks like one of zun's
/// options. System.CommandLine has no such mode, so a <c>--</c> is put in before that part.
/// </summary>
internal static class TrailingCommandLine
{
    /// <summary>
    /// The arguments with <c>--</c> inserted where the trailing command begins, for the commands named in
    /// <paramref name="leadingArguments"/> (with how many of their own arguments come first).
    /// </summary>
    public static string[] Protect(RootCommand root, string[] args, IReadOnlyDictionary<string, int> leadingArguments)
    {
        Command current = root;
        var options = OptionsOf(root, []);
        var positionals = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (token == "--")
                return args;

            if (token.StartsWith('-') && token.Length > 1)
            {
                if (!token.Contains('=', StringComparison.Ordinal) && options.TryGetValue(token, out var takesValue) && takesValue)
                    i++;
                continue;
            }

            if (current == root || current.Subcommands.Count > 0)
            {
                var sub = current.Subcommands.FirstOrDefault(c => c.Name == token || c.Aliases.Contains(token));
                if (sub is null)
                    return args;
                current = sub;
                options = OptionsOf(sub, options);
                continue;
            }

            if (!leadingArguments.TryGetValue(current.Name, out var leading))
                return args;

            positionals++;
            if (positionals == leading)
                return i + 1 < args.Length && args[i + 1] != "--" ? [.. args[..(i + 1)], "--", .. args[(i + 1)..]] : args;
        }

        return args;
    }

    /// <summary>Every name and alias of the options in force on a command, and whether each takes a value.</summary>
    private static Dictionary<string, bool> OptionsOf(Command command, Dictionary<string, bool> inherited)
    {
        var options = new Dictionary<string, bool>(inherited, StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            var takesValue = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
            foreach (var name in option.Aliases.Append(option.Name))
                options[name] = takesValue;
        }

        return options;
    }
}
