using Zun.Api.Requests;

namespace Zun.Api.Tests;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("sleep 300", new[] { "sleep", "300" })]
    [InlineData("\"sleep\" \"300\"", new[] { "sleep", "300" })]
    [InlineData("sh -c 'echo hi; exit 3'", new[] { "sh", "-c", "echo hi; exit 3" })]
    [InlineData("echo \"a \\\"b\\\" c\"", new[] { "echo", "a \"b\" c" })]
    [InlineData("echo a\\ b ''", new[] { "echo", "a b", "" })]
    public void A_command_line_splits_as_pythons_shlex_splits_it(string line, string[] words) =>
        Assert.Equal(words, ShellWords.Split(line));

    [Theory]
    [InlineData((object)new[] { "sleep", "300" })]
    [InlineData((object)new[] { "sh", "-c", "echo 'quoted'; exit 3" })]
    [InlineData((object)new[] { "printf", "" })]
    public void A_joined_command_splits_back_into_the_same_words(string[] words) =>
        Assert.Equal(words, ShellWords.Split(ShellWords.Join(words)));

    [Fact]
    public void An_unclosed_quote_is_refused_naming_the_field()
    {
        var refused = Assert.Throws<Zun.Api.Errors.ApiException>(() => ShellWords.Split("echo 'open"));
        Assert.Equal(400, refused.Status);
        Assert.Contains("command", refused.Message);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("False", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void Booleans_are_read_as_oslo_reads_them(string text, bool value)
    {
        Assert.True(ParameterValues.TryParseBool(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void A_word_that_is_no_boolean_is_not_read_as_one() => Assert.False(ParameterValues.TryParseBool("maybe", out _));
}
