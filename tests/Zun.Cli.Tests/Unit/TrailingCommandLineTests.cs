using Microsoft.Extensions.Configuration;
using Zun.Cli.Parsing;
using Zun.Client;

namespace Zun.Cli.Tests.Unit;

public sealed class TrailingCommandLineTests
{
    private static readonly Dictionary<string, int> Trailing = new() { ["run"] = 1, ["create"] = 1, ["exec"] = 1 };

    private static string[] Protect(params string[] args)
    {
        var app = new CliApplication(new CliConsole(TextWriter.Null, TextWriter.Null, false), new ConfigurationBuilder().Build(),
            (_, _) => Task.FromException<IZunClient>(new InvalidOperationException("not connected in this test")));
        return TrailingCommandLine.Protect(app.Root, args, Trailing);
    }

    [Fact]
    public void Everything_after_the_image_is_the_containers_command() =>
        Assert.Equal(["run", "-n", "web", "img", "--", "ls", "-l", "--name"], Protect("run", "-n", "web", "img", "ls", "-l", "--name"));

    [Fact]
    public void Options_before_the_subcommand_and_their_values_are_skipped() =>
        Assert.Equal(["--format", "json", "exec", "--exec-timeout", "5", "web", "--", "sh", "-c", "x"],
            Protect("--format", "json", "exec", "--exec-timeout", "5", "web", "sh", "-c", "x"));

    [Fact]
    public void A_double_dash_already_given_is_kept_as_it_is() =>
        Assert.Equal(["run", "img", "--", "sh", "-t"], Protect("run", "img", "--", "sh", "-t"));

    [Fact]
    public void Bundled_flags_and_other_commands_are_left_alone()
    {
        Assert.Equal(["run", "-it", "img", "--", "sh"], Protect("run", "-it", "img", "sh"));
        Assert.Equal(["kill", "web", "-s", "TERM"], Protect("kill", "web", "-s", "TERM"));
        Assert.Equal(["run", "img"], Protect("run", "img"));
    }
}
