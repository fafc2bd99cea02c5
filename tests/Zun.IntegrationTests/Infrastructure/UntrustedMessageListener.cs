using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// Hears one in-process Zun host count <c>zun.untrusted.messages</c>, so that a test can await the refusal of what it
/// forged, and only then check that nothing changed, instead of waiting an arbitrary while.
/// </summary>
public sealed class UntrustedMessageListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Channel<(string? Role, string? Message)> _heard = Channel.CreateUnbounded<(string?, string?)>();

    public UntrustedMessageListener(IHost process)
    {
        // Several Zun hosts share the test process: the meter's scope is the factory of the host listened to.
        var meters = process.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "zun.untrusted.messages" && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? role = null, message = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "zun.role")
                    role = tag.Value as string;
                else if (tag.Key == "zun.message")
                    message = tag.Value as string;
            }

            _heard.Writer.TryWrite((role, message));
        });
        _listener.Start();
    }

    /// <summary>The role of the first publisher refused for a message of type <paramref name="messageType"/>, within 30 s.</summary>
    public async Task<string?> Refused(string messageType)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (role, message) = await _heard.Reader.ReadAsync(deadline.Token);
            if (message == messageType)
                return role;
        }
    }

    public void Dispose() => _listener.Dispose();
}
