using System.CommandLine;
using Zun.Cli.Archives;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>
/// <c>zun cp</c>: files between a container and this machine, as <c>docker cp</c> copies them. A file or directory is
/// written under the destination's name when that does not exist (or is a file that a file replaces), and into it when it
/// is a directory; a source ending in <c>/.</c> copies what the directory holds.
/// </summary>
internal static class CopyCommands
{
    /// <summary>Go's <c>os.ModeDir</c>, as Docker's stat of a path carries it.</summary>
    private const uint DirectoryMode = 1u << 31;

    public static Command Build(CommandKit kit)
    {
        var command = new Command("cp",
            "Copy a file or directory out of a container (zun cp CONTAINER:PATH LOCAL) or into one (zun cp LOCAL CONTAINER:PATH), as docker cp does. " +
            "PATH is absolute in the container; the worker refuses archives above its Zun:Worker:MaxArchiveBytes.");
        var source = new Argument<string>("source") { Description = "CONTAINER:PATH, or a local file or directory (a local path with ':' starts with ./ or /)" };
        var destination = new Argument<string>("destination") { Description = "A local path, or CONTAINER:PATH" };
        command.Arguments.Add(source);
        command.Arguments.Add(destination);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var (from, to) = (CopyTarget.Parse(invocation.Get(source)), CopyTarget.Parse(invocation.Get(destination)));
            if (from.IsInContainer == to.IsInContainer)
                throw new CliException(ExitCodes.UsageOrConnection,
                    "cp: exactly one of source and destination must be CONTAINER:PATH (zun cp web:/etc/hostname ./hostname, zun cp ./conf web:/etc/)");

            var client = await invocation.ClientAsync(cancellationToken);
            var container = await ContainerResolver.ResolveAsync(client, (from.Container ?? to.Container)!, cancellationToken);
            return from.IsInContainer
                ? await CopyOut(invocation, client, container, from, to, cancellationToken)
                : await CopyIn(invocation, client, container, from, to, cancellationToken);
        });
        return command;
    }

    private static async Task<int> CopyOut(
        Invocation invocation, IZunClient client, ContainerRef container, CopyTarget from, CopyTarget to, CancellationToken cancellationToken)
    {
        var archive = CommandKit.Answer(
            await client.GetArchiveAsync(new GetArchive { ContainerId = container.Id, Path = from.Path }, cancellationToken), "cp");
        var found = Directory.Exists(to.Path) ? Destination.Directory : File.Exists(to.Path) ? Destination.File : Destination.Missing;
        var (directory, topName) = Placement(found, (archive.Stat!.Mode & DirectoryMode) != 0, from.LastPart, from, to);
        if (!Directory.Exists(directory))
            throw NoSuchDirectory(to);

        var tar = Convert.FromBase64String(archive.Data);
        var entries = Local(() => LocalArchive.Extract(tar, directory, topName));
        if (invocation.Output.IsJson)
            invocation.Output.Json(archive.Stat);
        else
            invocation.Console.Note($"copied {from} to {to} ({Entries(entries)}, a {tar.Length}-byte archive)");
        return ExitCodes.Success;
    }

    private static async Task<int> CopyIn(
        Invocation invocation, IZunClient client, ContainerRef container, CopyTarget from, CopyTarget to, CancellationToken cancellationToken)
    {
        var isDirectory = Directory.Exists(from.Path);
        if (!isDirectory && !File.Exists(from.Path))
            throw new CliException(ExitCodes.NotFound, $"cp: no such file or directory: {from}");

        var stat = CommandKit.Answer(
            await client.GetArchiveAsync(new GetArchive { ContainerId = container.Id, Path = to.Path, StatOnly = true }, cancellationToken), "cp").Stat;
        var found = stat is null ? Destination.Missing : (stat.Mode & DirectoryMode) != 0 ? Destination.Directory : Destination.File;
        var (directory, topName) = Placement(found, isDirectory, Path.GetFileName(Path.GetFullPath(from.Path).TrimEnd('/')), from, to);

        var tar = Local(() => LocalArchive.Of(from.Path, topName));
        var extracted = CommandKit.Answer(await client.PutArchiveAsync(new PutArchive
        {
            ContainerId = container.Id,
            Path = directory,
            Data = Convert.ToBase64String(tar),
        }, cancellationToken), "cp");
        if (invocation.Output.IsJson)
            invocation.Output.Json(extracted);
        else
            invocation.Console.Note($"copied {from} to {to} ({Entries(extracted.Entries)}, a {extracted.Size}-byte archive)");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Where <c>docker cp</c> puts a copy: into a destination directory, under the source's own name (or, for a source
    /// ending in <c>/.</c>, what it holds); anywhere else, in the destination's parent under the destination's name.
    /// </summary>
    private static (string Directory, string? TopName) Placement(Destination found, bool sourceIsDirectory, string sourceName, CopyTarget from, CopyTarget to) =>
        found switch
        {
            Destination.Directory => (to.Path, from.MeansContents ? null : sourceName),
            Destination.File when sourceIsDirectory => throw new CliException(ExitCodes.UsageOrConnection, $"cp: cannot copy the directory {from} to {to}, which is a file"),
            Destination.Missing when to.NamesDirectory && !sourceIsDirectory => throw NoSuchDirectory(to),
            _ => (to.Parent, to.LastPart),
        };

    /// <summary>Reading or writing local files: what the system refuses ends the command with its reason.</summary>
    private static T Local<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failed, $"cp: {e.Message}");
        }
    }

    private static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";

    private static CliException NoSuchDirectory(CopyTarget to) =>
        new(ExitCodes.NotFound, $"cp: the directory {(to.NamesDirectory ? to.ToString() : $"{to.Parent} of {to}")} does not exist");

    private enum Destination
    {
        Missing,
        File,
        Directory,
    }
}
