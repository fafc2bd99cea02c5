using Microsoft.Extensions.Time.Testing;
using Zun.Worker.LiveState;

namespace Zun.Worker.Tests;

/// <summary>An engine event is taken for the echo of the worker's own action once, and only while it is expected.</summary>
public sealed class OwnActionEchoesTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly OwnActionEchoes _echoes;

    public OwnActionEchoesTests() => _echoes = new OwnActionEchoes(_clock);

    [Fact]
    public void An_expected_event_is_claimed_once_and_a_second_one_is_published()
    {
        var containerId = Guid.NewGuid();
        _echoes.Expect(containerId, "start");

        Assert.True(_echoes.TryClaim(containerId, "start"));
        Assert.False(_echoes.TryClaim(containerId, "start"));
    }

    [Fact]
    public void Only_the_expected_event_of_the_expected_container_is_claimed()
    {
        var containerId = Guid.NewGuid();
        _echoes.Expect(containerId, "pause");

        Assert.False(_echoes.TryClaim(containerId, "die"));
        Assert.False(_echoes.TryClaim(Guid.NewGuid(), "pause"));
        Assert.True(_echoes.TryClaim(containerId, "pause"));
    }

    [Fact]
    public void An_echo_that_never_came_claims_nothing_after_the_window()
    {
        var containerId = Guid.NewGuid();
        _echoes.Expect(containerId, "start");

        _clock.Advance(OwnActionEchoes.Window + TimeSpan.FromMilliseconds(1));

        Assert.False(_echoes.TryClaim(containerId, "start"));
    }

    [Fact]
    public void A_forgotten_expectation_claims_nothing()
    {
        var containerId = Guid.NewGuid();
        _echoes.Expect(containerId, "unpause");

        _echoes.Forget(containerId, "unpause");

        Assert.False(_echoes.TryClaim(containerId, "unpause"));
    }
}
