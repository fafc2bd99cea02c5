using System.Globalization;
using Zun.Contracts;

namespace Zun.Cli.Parsing;

/// <summary>Turns the text people type into contract values; each returns null and a reason when it cannot.</summary>
internal static class ValueParsers
{
    /// <summary>A memory size in MiB: <c>256</c>, <c>256m</c>, <c>256MiB</c>, <c>1g</c>, <c>1.5G</c>.</summary>
    public static int? MemoryMb(string text, out string? error)
    {
        error = null;
        var value = text.Trim().ToLowerInvariant();
        var factor = 1.0;
        foreach (var (suffix, multiplier) in new[] { ("mib", 1.0), ("gib", 1024.0), ("mb", 1.0), ("gb", 1024.0), ("m", 1.0), ("g", 1024.0) })
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                value = value[..^suffix.Length];
                factor = multiplier;
                break;
            }
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0 || number * factor > int.MaxValue)
        {
            error = $"'{text}' is not a memory size (MiB, or with a unit: 512m, 1g)";
            return null;
        }

        return (int)Math.Round(number * factor);
    }

    /// <summary><c>KEY=VALUE</c> pairs into a dictionary; a later key wins.</summary>
    public static Dictionary<string, string>? Pairs(IReadOnlyList<string> items, string what, out string? error)
    {
        error = null;
        if (items.Count == 0)
            return null;

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"{what} '{item}' is not KEY=VALUE";
                return null;
            }

            pairs[item[..equals]] = item[(equals + 1)..];
        }

        return pairs;
    }

    /// <summary><c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c> or <c>on-failure:N</c>.</summary>
    public static RestartPolicy? Restart(string text, out string? error)
    {
        error = null;
        var parts = text.Split(':', 2);
        int? retries = null;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || parts[0] != "on-failure")
            {
                error = $"restart policy '{text}' is not no, always, unless-stopped, on-failure or on-failure:N";
                return null;
            }

            retries = count;
        }

        return new RestartPolicy { Name = parts[0], MaximumRetryCount = retries };
    }

    /// <summary>
    /// Upstream's <c>--healthcheck cmd=CMD,interval=S,retries=N,timeout=S</c>. A comma belongs to the command unless
    /// what follows it names another field, so <c>cmd=test -f /a,interval=2</c> reads as the command and an interval.
    /// </summary>
    public static Healthcheck? Healthcheck(string text, out string? error)
    {
        error = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var part in text.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? part[..equals].Trim() : null;
            if (key is "cmd" or "interval" or "retries" or "timeout" && !fields.ContainsKey(key))
            {
                fields[current = key] = part[(equals + 1)..];
            }
            else if (current == "cmd")
            {
                fields["cmd"] += "," + part;
            }
            else
            {
                error = $"healthcheck '{text}': '{part}' is not cmd=, interval=, retries= or timeout=";
                return null;
            }
        }

        string? problem = null;
        int? Number(string key)
        {
            if (!fields.TryGetValue(key, out var value))
                return null;
            if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return number;
            problem ??= $"healthcheck {key} '{value}' is not a whole number";
            return null;
        }

        var check = new Healthcheck
        {
            Command = fields.GetValueOrDefault("cmd") ?? "",
            IntervalSeconds = Number("interval"),
            Retries = Number("retries"),
            TimeoutSeconds = Number("timeout"),
        };
        error = problem;
        error ??= check.Command.Length == 0 ? $"healthcheck '{text}' has no cmd=" : null;
        return error is null ? check : null;
    }

    /// <summary>
    /// <c>type=volume|bind,source=S,destination=/path[,size=GIB][,readonly]</c>, as <c>docker run --mount</c> and zunclient
    /// write a mount. A bind mount's source is a local file, read now and sent as its content in base64 (upstream's file
    /// injection); a volume mount's source is a Zun volume's name or id, and one with a size instead makes a volume for
    /// the container.
    /// </summary>
    public static ContainerMount? Mount(string text, out string? error)
    {
        error = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = (equals > 0 ? part[..equals] : part).Trim().ToLowerInvariant() switch
            {
                "src" => "source",
                "dst" or "target" => "destination",
                "ro" or "read_only" => "readonly",
                var other => other,
            };
            var value = equals > 0 ? part[(equals + 1)..].Trim() : key == "readonly" ? "true" : null;
            if (key is not ("type" or "source" or "destination" or "size" or "readonly") || value is null || !fields.TryAdd(key, value))
            {
                error = $"mount '{text}': '{part}' is not type=, source=, destination=, size= or readonly (each once)";
                return null;
            }
        }

        var type = fields.GetValueOrDefault("type", "volume").ToLowerInvariant();
        int? size = null;
        if (fields.TryGetValue("size", out var sizeText))
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var gib))
            {
                error = $"mount '{text}': size '{sizeText}' is not a whole number of GiB";
                return null;
            }

            size = gib;
        }

        if (!bool.TryParse(fields.GetValueOrDefault("readonly", "false"), out var readOnly))
        {
            error = $"mount '{text}': readonly is true or false";
            return null;
        }

        var source = fields.GetValueOrDefault("source");
        if (type == "bind" && source is not null)
        {
            try
            {
                source = Convert.ToBase64String(File.ReadAllBytes(source));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error = $"mount '{text}': the file to inject cannot be read: {e.Message}";
                return null;
            }
        }

        return new ContainerMount { Type = type, Source = source, Destination = fields.GetValueOrDefault("destination", ""), SizeGb = size, ReadOnly = readOnly };
    }

    /// <summary><c>repository[:tag]</c>, where a colon before the last slash belongs to a registry's port.</summary>
    public static (string Repository, string? Tag) RepositoryAndTag(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > text.LastIndexOf('/') && colon < text.Length - 1
            ? (text[..colon], text[(colon + 1)..])
            : (text.TrimEnd(':'), null);
    }

    /// <summary>A point in time: an ISO 8601 time, or a duration before now (<c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>).</summary>
    public static DateTimeOffset? Since(string text, DateTimeOffset now, out string? error)
    {
        error = null;
        var value = text.Trim();
        if (value.Length > 1 && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? ago = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (ago is { } span)
                return now - span;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;

        error = $"'{text}' is neither a time (2026-01-31T12:00:00Z) nor a duration (90s, 10m, 2h, 1d)";
        return null;
    }
}
