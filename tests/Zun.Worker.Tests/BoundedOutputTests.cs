using System.Text;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests;

/// <summary>Output bounded to a limit keeps the first bytes (exec) or the newest whole lines (logs).</summary>
public sealed class BoundedOutputTests
{
    [Fact]
    public void Output_within_the_limit_is_kept_whole()
    {
        var output = Collect(BoundedOutput.Keep.Last, 100, "one\n", "two\n");

        Assert.Equal("one\ntwo\n", output.ToString());
        Assert.False(output.Truncated);
    }

    [Fact]
    public void Keeping_the_first_bytes_cuts_the_end_without_splitting_a_character()
    {
        var output = Collect(BoundedOutput.Keep.First, 5, "abcd", "é and more");

        Assert.Equal("abcd", output.ToString());
        Assert.True(output.Truncated);
    }

    [Fact]
    public void Keeping_the_last_bytes_keeps_the_newest_whole_lines_across_many_appends()
    {
        var lines = Enumerable.Range(1, 1000).Select(i => $"line{i}\n").ToArray();

        var output = Collect(BoundedOutput.Keep.Last, 30, lines);

        Assert.True(output.Truncated);
        Assert.Equal("line998\nline999\nline1000\n", output.ToString());
    }

    [Fact]
    public void One_append_larger_than_the_limit_keeps_its_end()
    {
        var output = Collect(BoundedOutput.Keep.Last, 8, "first\n", "0123456789\nlast\n");

        Assert.True(output.Truncated);
        Assert.Equal("last\n", output.ToString());
    }

    private static BoundedOutput Collect(BoundedOutput.Keep keep, int limit, params string[] chunks)
    {
        var output = new BoundedOutput(limit, keep);
        foreach (var chunk in chunks)
            output.Append(Encoding.UTF8.GetBytes(chunk));
        return output;
    }
}
