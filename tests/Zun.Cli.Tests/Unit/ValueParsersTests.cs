using Zun.Cli.Parsing;

namespace Zun.Cli.Tests.Unit;

public sealed class ValueParsersTests
{
    [Theory]
    [InlineData("256", 256)]
    [InlineData("256m", 256)]
    [InlineData("256MiB", 256)]
    [InlineData("1g", 1024)]
    [InlineData("1.5G", 1536)]
    public void Memory_sizes_are_read_in_MiB(string text, int expected)
    {
        Assert.Equal(expected, ValueParsers.MemoryMb(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-5m")]
    public void Memory_sizes_that_are_not_sizes_are_refused(string text)
    {
        Assert.Null(ValueParsers.MemoryMb(text, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pairs_split_at_the_first_equals_sign_and_refuse_a_missing_key()
    {
        Assert.Equal(new Dictionary<string, string> { ["A"] = "b=c", ["E"] = "" }, ValueParsers.Pairs(["A=b=c", "E="], "--env", out _));
        Assert.Null(ValueParsers.Pairs(["=x"], "--env", out var error));
        Assert.Equal("--env '=x' is not KEY=VALUE", error);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/team/app:v2", "127.0.0.1:5000/team/app", "v2")]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app", null)]
    [InlineData("app:latest", "app", "latest")]
    public void Repository_and_tag_split_after_the_last_slash(string text, string repository, string? tag) =>
        Assert.Equal((repository, tag), ValueParsers.RepositoryAndTag(text));

    [Fact]
    public void Restart_policies_take_a_retry_count_only_on_failure()
    {
        Assert.Equal(new Contracts.RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 }, ValueParsers.Restart("on-failure:2", out _));
        Assert.Equal(new Contracts.RestartPolicy { Name = "always" }, ValueParsers.Restart("always", out _));
        Assert.Null(ValueParsers.Restart("always:2", out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Since_takes_a_time_or_a_duration_ago()
    {
        var now = new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddMinutes(-10), ValueParsers.Since("10m", now, out _));
        Assert.Equal(now.AddSeconds(-90), ValueParsers.Since("90s", now, out _));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), ValueParsers.Since("2026-01-31T12:00:00Z", now, out _));
        Assert.Null(ValueParsers.Since("yesterday", now, out var error));
        Assert.NotNull(error);
    }
}
