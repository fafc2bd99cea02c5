using System.Globalization;
using System.Text.RegularExpressions;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli;

/// <summary>
/// <c>zun logs --follow</c>. Zun has no log stream, so this polls GetContainerLogs with <c>since</c>, asking
/// for timestamps so that each poll starts where the last one ended and no line is printed twice
/// (lines at the same instant as the last one printed are compared by content). It stops when the
/// container is no longer running (after reading what it wrote last) or when cancelled.
/// </summary>
internal sealed partial class LogFollower(IZunClient client, TextWriter output, TimeSpan interval)
{
    private static readonly ContainerStatus[] StillWriting =
        [ContainerStatus.Creating, ContainerStatus.Running, ContainerStatus.Paused, ContainerStatus.Restarting, ContainerStatus.Rebuilding];

    private readonly HashSet<string> _printedAtLast = new(StringComparer.Ordinal);
    private DateTimeOffset? _last;

    /// <summary>Follows the logs; returns the reason the logs could not be read, or null once the container stopped or on cancellation.</summary>
    public async Task<QueryResult<ContainerLogs>?> FollowAsync(GetContainerLogs first, bool showTimestamps, CancellationToken cancellationToken)
    {
        var request = first with { Timestamps = true };
        try
        {
            while (true)
            {
                // The status is read before the logs: once stopped, this read has the container's last words.
                var container = await client.GetContainerAsync(first.ContainerId, cancellationToken);
                var logs = await client.GetContainerLogsAsync(request, cancellationToken);
                if (!logs.Found)
                    return logs;

                Print(logs.Value.Output, showTimestamps);
                await output.FlushAsync(cancellationToken);
                if (!container.Found || !StillWriting.Contains(container.Value.Status))
                    return null;

                request = request with { Tail = null, Since = _last ?? request.Since };
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Prints the lines not printed yet; internal for tests.</summary>
    internal void Print(string logs, bool showTimestamps)
    {
        foreach (var line in Lines(logs))
        {
            var (time, text) = SplitTimestamp(line);
            if (time is { } t)
            {
                if (_last is { } last && (t < last || (t == last && _printedAtLast.Contains(line))))
                    continue;
                if (_last != t)
                    _printedAtLast.Clear();
                _last = t;
                _printedAtLast.Add(line);
            }

            output.WriteLine(showTimestamps || time is null ? line : text);
        }
    }

    internal static (DateTimeOffset? Time, string Text) SplitTimestamp(string line)
    {
        var match = TimestampPrefix().Match(line);
        if (!match.Success)
            return (null, line);

        // Docker writes nanoseconds; .NET keeps ticks (100 ns), enough to order lines.
        var fraction = match.Groups["fraction"].Value;
        fraction = fraction.Length == 0 ? "" : "." + fraction[1..].PadRight(7, '0')[..7];
        var text = match.Groups["seconds"].Value + fraction + match.Groups["zone"].Value;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time, line[match.Length..])
            : (null, line);
    }

    private static IEnumerable<string> Lines(string text)
    {
        if (text.Length == 0)
            yield break;

        var lines = text.Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
            yield return lines[i].TrimEnd('\r');
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<zone>Z|[+-]\d{2}:\d{2}) ")]
    private static partial Regex TimestampPrefix();
}
