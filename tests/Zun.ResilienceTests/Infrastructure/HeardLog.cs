using Zun.IntegrationTests.Infrastructure;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>Every event the test client received, with its envelope (the <see cref="EventLog"/> keeps only the messages).</summary>
public sealed class HeardLog
{
    private readonly Lock _gate = new();
    private readonly List<Heard> _heard = [];

    public void Add(Heard heard)
    {
        lock (_gate)
            _heard.Add(heard);
    }

    public IReadOnlyList<Heard> All(Func<Heard, bool>? match = null)
    {
        lock (_gate)
            return [.. _heard.Where(h => match?.Invoke(h) ?? true)];
    }
}
