namespace Zun.Cli.Tests.Infrastructure;

/// <summary>One <see cref="FakeConductor"/> for a test class.</summary>
public sealed class FakeConductorFixture : IAsyncLifetime
{
    private FakeConductor? _fake;

    public FakeConductor Fake => _fake ?? throw new InvalidOperationException("the fake conductor has not started");

    public async ValueTask InitializeAsync() => _fake = await FakeConductor.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
            await _fake.DisposeAsync();
    }
}
