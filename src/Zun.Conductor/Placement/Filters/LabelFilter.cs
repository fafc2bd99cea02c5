namespace Zun.Conductor.Placement.Filters;

/// <summary>A container whose hints name labels (<c>label:&lt;key&gt;</c> = value) goes only to hosts that have each of them.</summary>
internal sealed class LabelFilter : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now)
    {
        foreach (var (key, value) in request.Labels)
        {
            if (!host.Latest.Labels.TryGetValue(key, out var has))
                return new($"label {key}={value} not set");
            if (!string.Equals(has, value, StringComparison.Ordinal))
                return new($"label {key}={has}, not {value}");
        }

        return null;
    }
}
