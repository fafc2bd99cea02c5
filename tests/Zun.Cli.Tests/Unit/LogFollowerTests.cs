namespace Zun.Cli.Tests.Unit;

public sealed class LogFollowerTests
{
    private readonly StringWriter _output = new();

    private LogFollower Follower() => new(null!, _output, TimeSpan.FromSeconds(1));

    [Fact]
    public void Lines_already_printed_are_not_printed_again_and_timestamps_are_stripped()
    {
        var follower = Follower();

        follower.Print("2026-01-01T00:00:01.1Z a\n2026-01-01T00:00:02.123456789Z b\n", showTimestamps: false);
        follower.Print("2026-01-01T00:00:02.123456789Z b\n2026-01-01T00:00:02.123456789Z b2\n2026-01-01T00:00:03Z c\n", showTimestamps: false);

        Assert.Equal("a\nb\nb2\nc\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Timestamps_are_kept_when_asked_for_and_lines_without_one_pass_through()
    {
        var follower = Follower();

        follower.Print("2026-01-01T00:00:01Z a\nplain\n", showTimestamps: true);

        Assert.Equal("2026-01-01T00:00:01Z a\nplain\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Nanosecond_timestamps_are_read_to_the_tick()
    {
        var (time, text) = LogFollower.SplitTimestamp("2026-01-01T00:00:02.123456789Z hello world");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 2, TimeSpan.Zero).AddTicks(1234567), time);
        Assert.Equal("hello world", text);
    }
}
