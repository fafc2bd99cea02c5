namespace Zun.IntegrationTests.Infrastructure;

/// <summary>One Zun shared by the tests that need nothing special of it; each test uses containers of its own.</summary>
public sealed class SharedZun : IAsyncLifetime
{
    private ZunTestSystem? _system;

    public ZunTestSystem System => _system ?? throw new InvalidOperationException("the shared Zun has not started");

    public async ValueTask InitializeAsync() => _system = await ZunTestSystem.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
    }
}
