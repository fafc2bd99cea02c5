using Zun.Conductor.Ordering;

namespace Zun.Conductor.Tests.Ordering;

public sealed class DeliverySequenceTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delivery_goes_only_once_the_one_before_it_has_ended_its_turn()
    {
        var sequence = new DeliverySequence();
        Assert.True(await sequence.WaitForTurn(1, Long, Ct));

        var third = sequence.WaitForTurn(3, Long, Ct);
        var second = sequence.WaitForTurn(2, Long, Ct);
        Assert.False(second.IsCompleted);

        sequence.End(1);
        Assert.True(await second.WaitAsync(Long, Ct));
        Assert.False(third.IsCompleted);
        sequence.End(2);
        Assert.True(await third.WaitAsync(Long, Ct));
    }

    [Fact]
    public async Task The_first_delivery_seen_on_a_channel_starts_its_sequence_wherever_it_is()
    {
        var sequence = new DeliverySequence();

        Assert.True(await sequence.WaitForTurn(41, Long, Ct));
        var next = sequence.WaitForTurn(42, Long, Ct);
        sequence.End(41);

        Assert.True(await next.WaitAsync(Long, Ct));
    }

    [Fact]
    public async Task A_delivery_whose_predecessor_never_comes_goes_after_the_wait_and_releases_those_behind_it()
    {
        var sequence = new DeliverySequence();
        Assert.True(await sequence.WaitForTurn(1, Long, Ct));
        sequence.End(1);

        // Delivery 2 never arrives.
        var third = sequence.WaitForTurn(3, TimeSpan.FromMilliseconds(100), Ct);
        var fourth = sequence.WaitForTurn(4, Long, Ct);

        Assert.False(await third.WaitAsync(Long, Ct));
        Assert.False(fourth.IsCompleted);
        sequence.End(3);
        Assert.True(await fourth.WaitAsync(Long, Ct));
    }

    [Fact]
    public async Task An_end_reported_twice_or_late_changes_nothing()
    {
        var sequence = new DeliverySequence();
        Assert.True(await sequence.WaitForTurn(1, Long, Ct));
        sequence.End(1);
        sequence.End(1);
        var third = sequence.WaitForTurn(3, Long, Ct);

        sequence.End(1);

        Assert.False(third.IsCompleted);
    }
}
