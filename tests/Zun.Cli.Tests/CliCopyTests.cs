using Zun.Cli.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;

namespace Zun.Cli.Tests;

/// <summary>The built <c>zun cp</c> both ways, as <c>docker cp</c> copies, on the real worker and Docker.</summary>
public sealed class CliCopyTests(SharedZun zun) : IDisposable
{
    private readonly string _local = Directory.CreateTempSubdirectory("zun-cli-cp-").FullName;

    private ZunTestSystem System => zun.System;

    public void Dispose() => Directory.Delete(_local, recursive: true);

    private Task<CliResult> Zun(params string[] args) => ZunCli.RunAsync(System.RabbitUrl, args);

    /// <summary>A running container with a name, made over the bus rather than by another run of the CLI.</summary>
    private async Task<string> NamedContainer()
    {
        var create = ZunTestSystem.NewCreate() with { Name = $"cp-{Guid.NewGuid():N}"[..16], ProjectId = "cli-tests" };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));
        return create.Name!;
    }

    [Fact]
    public async Task Cp_puts_a_file_into_a_container_directory_and_gets_it_back_under_a_new_name_byte_for_byte()
    {
        var name = await NamedContainer();
        var content = TarArchive.Binary(300_000);
        File.WriteAllBytes(Path.Combine(_local, "x"), content);

        var copyIn = await Zun("cp", Path.Combine(_local, "x"), $"{name}:/tmp/");
        var copyOut = await Zun("cp", $"{name}:/tmp/x", Path.Combine(_local, "y"));

        Assert.True(copyIn.ExitCode == 0, copyIn.ToString());
        Assert.True(copyOut.ExitCode == 0, copyOut.ToString());
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(_local, "y")));
    }

    [Fact]
    public async Task Cp_puts_a_directory_in_whole_and_gets_it_back_out_into_a_new_directory()
    {
        var name = await NamedContainer();
        var source = Directory.CreateDirectory(Path.Combine(_local, "conf")).FullName;
        Directory.CreateDirectory(Path.Combine(source, "nested"));
        File.WriteAllText(Path.Combine(source, "app.conf"), "port=8080\n");
        File.WriteAllBytes(Path.Combine(source, "nested", "data.bin"), TarArchive.Binary(40_000));

        var copyIn = await Zun("cp", source, $"{name}:/etc");
        var copyOut = await Zun("cp", $"{name}:/etc/conf", Path.Combine(_local, "back"));

        Assert.True(copyIn.ExitCode == 0, copyIn.ToString());
        Assert.True(copyOut.ExitCode == 0, copyOut.ToString());
        Assert.Equal("port=8080\n", File.ReadAllText(Path.Combine(_local, "back", "app.conf")));
        Assert.Equal(TarArchive.Binary(40_000), File.ReadAllBytes(Path.Combine(_local, "back", "nested", "data.bin")));
    }

    [Fact]
    public async Task Cp_of_a_relative_container_path_exits_2_with_the_conductors_reason()
    {
        var name = await NamedContainer();

        var result = await Zun("cp", $"{name}:etc/hostname", Path.Combine(_local, "hostname"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("zun: cp rejected: path 'etc/hostname' is relative: it must be an absolute path in the container", Assert.Single(result.StderrLines));
        Assert.False(File.Exists(Path.Combine(_local, "hostname")));
    }
}
