using Microsoft.Extensions.Configuration;
using Zun.Cli.Archives;
using Zun.Client;

namespace Zun.Cli.Tests.Unit;

public sealed class CopyTargetTests
{
    [Theory]
    [InlineData("web:/etc/hostname", "web", "/etc/hostname")]
    [InlineData("3f2a:/tmp/", "3f2a", "/tmp/")]
    [InlineData("./a:b", null, "./a:b")]
    [InlineData("/abs/a:b", null, "/abs/a:b")]
    [InlineData("dir/a:b", null, "dir/a:b")]
    [InlineData("plain", null, "plain")]
    public void A_container_side_is_NAME_colon_PATH_and_anything_else_is_local(string text, string? container, string path) =>
        Assert.Equal(new CopyTarget(container, path), CopyTarget.Parse(text));

    [Theory]
    [InlineData("/etc/hostname", "hostname", "/etc")]
    [InlineData("/etc/", "etc", "/")]
    [InlineData("/x", "x", "/")]
    [InlineData("./x", "x", ".")]
    [InlineData("x", "x", ".")]
    public void The_last_part_names_the_archives_top_entry_and_the_parent_holds_it(string path, string lastPart, string parent)
    {
        var target = new CopyTarget("web", path);

        Assert.Equal((lastPart, parent), (target.LastPart, target.Parent));
    }

    [Fact]
    public void A_path_ending_in_slash_dot_means_what_the_directory_holds_and_one_ending_in_slash_a_directory()
    {
        Assert.True(new CopyTarget(null, "./conf/.").MeansContents);
        Assert.False(new CopyTarget(null, "./conf/").MeansContents);
        Assert.True(new CopyTarget(null, "./conf/").NamesDirectory);
    }

    [Theory]
    [InlineData("./a", "./b")]
    [InlineData("web:/a", "db:/b")]
    public async Task Cp_needs_exactly_one_container_side_and_says_so_with_exit_4_before_connecting(string source, string destination)
    {
        var error = new StringWriter();
        var app = new CliApplication(new CliConsole(TextWriter.Null, error, false), new ConfigurationBuilder().Build(),
            (_, _) => Task.FromException<IZunClient>(new InvalidOperationException("not connected in this test")));

        var exitCode = await app.RunAsync(["cp", source, destination], TestContext.Current.CancellationToken);

        Assert.Equal(4, exitCode);
        Assert.StartsWith("zun: cp: exactly one of source and destination must be CONTAINER:PATH", error.ToString(), StringComparison.Ordinal);
    }
}
