using System.Diagnostics;
using Zun.Cli.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests;

/// <summary>How <c>zun</c> fails without a working Zun: bad arguments, no broker, no answer; and the ./zun script.</summary>
public sealed class CliUsageTests(SharedZun zun)
{
    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_one_line_and_exit_4()
    {
        var result = await ZunCli.RunAsync(zun.System.RabbitUrl, "list", "--colour", "blue");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("--colour", line, StringComparison.Ordinal);
        Assert.Contains("zun list --help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var result = await ZunCli.RunAsync(zun.System.RabbitUrl, "list", "--format", "yaml");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("yaml", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_broker_at_the_url_exits_4_naming_the_url_without_its_password()
    {
        var result = await ZunCli.RunAsync(zun.System.RabbitUrl, "list", "--url", "amqp://guest:secret@127.0.0.1:1/", "--connect-timeout", "3");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("zun: cannot connect to RabbitMQ at amqp://guest:***@127.0.0.1:1/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_url_option_wins_over_the_environment()
    {
        var result = await ZunCli.RunAsync("amqp://guest:guest@127.0.0.1:1/", "list", "--url", zun.System.RabbitUrl, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task No_outcome_within_the_timeout_exits_3_naming_the_operation()
    {
        // A virtual host where nobody answers: the command is published and nothing comes back.
        var name = $"zun-quiet-{Guid.NewGuid():N}"[..22];
        var url = (await TestBroker.CreateVirtualHostAsync(name)).ClientUrl;
        try
        {
            var operationId = Guid.NewGuid();

            var result = await ZunCli.RunAsync(url, "start", Guid.NewGuid().ToString(), "--wait", "--timeout", "2", "--operation-id", operationId.ToString());

            Assert.Equal(3, result.ExitCode);
            var line = Assert.Single(result.StderrLines);
            Assert.Contains($"no outcome of operation {operationId} within 2 s", line, StringComparison.Ordinal);
            Assert.Contains($"zun operation show {operationId}", line, StringComparison.Ordinal);
        }
        finally
        {
            await TestBroker.DeleteVirtualHostAsync(name);
        }
    }

    [Fact]
    public async Task The_zun_script_at_the_repository_root_runs_the_built_cli()
    {
        using var process = ZunCli.Start(zun.System.RabbitUrl, ["list", "--format", "json"], Path.Combine(Repository.Root, "zun"));
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("\"containers\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zun_script_says_how_to_build_when_nothing_is_built()
    {
        var copy = Directory.CreateTempSubdirectory("zun-script-");
        try
        {
            File.Copy(Path.Combine(Repository.Root, "zun"), Path.Combine(copy.FullName, "zun"));
            using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(copy.FullName, "zun"), "list"]) { RedirectStandardError = true })!;
            var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(4, process.ExitCode);
            Assert.Contains("the CLI is not built; run: dotnet build", stderr, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
