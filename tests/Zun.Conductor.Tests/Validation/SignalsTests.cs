using Zun.Conductor.Validation;

namespace Zun.Conductor.Tests.Validation;

public sealed class SignalsTests
{
    [Theory]
    [InlineData("kill", "SIGKILL")]
    [InlineData("SIGTERM", "SIGTERM")]
    [InlineData("sigint", "SIGINT")]
    [InlineData(" hup ", "SIGHUP")]
    [InlineData("9", "9")]
    [InlineData(null, "SIGKILL")]
    [InlineData("", "SIGKILL")]
    public void A_signal_name_or_number_is_normalized_and_none_means_SIGKILL(string? signal, string expected)
    {
        var normalized = Signals.Normalize(signal);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("SIGFOO")]
    [InlineData("99")]
    [InlineData("0")]
    public void Something_that_is_no_signal_normalizes_to_null(string signal)
    {
        var normalized = Signals.Normalize(signal);

        Assert.Null(normalized);
    }
}
