using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;

namespace Zun.Worker.Runtime;

/// <summary>A container's files, copied out and in as tar archives (the engine's <c>/containers/{id}/archive</c>, as <c>docker cp</c> uses it).</summary>
internal sealed class DockerContainerArchives(IDockerClient docker, DockerContainers containers, IOptions<WorkerOptions> options)
{
    /// <summary>Go's <c>os.ModeDir</c>.</summary>
    private const uint DirectoryMode = 1u << 31;

    /// <summary>The answer to a stat of a missing path; a stat has no body to say whether the path or the container is missing.</summary>
    private static readonly ContainerArchive NothingThere = new();

    public async Task<ContainerArchive?> GetAsync(Guid containerId, string path, bool statOnly, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxArchiveBytes;
        var archive = await EngineCall.RunAsync<ContainerArchive?>(
            async () =>
            {
                var response = await docker.Containers.GetArchiveFromContainerAsync(
                    ContainerLabels.DockerName(containerId), new ContainerPathStatParameters { Path = path }, statOnly, cancellationToken);
                using var stream = response.Stream;
                var stat = ToStat(response.Stat);
                if (statOnly)
                    return new ContainerArchive { ContainerId = containerId, Path = path, Stat = stat };

                // A file's size says at once what a directory's tells only once it has been read.
                if ((stat.Mode & DirectoryMode) == 0 && stat.Size > maxBytes)
                    throw TooLarge(path, maxBytes);
                var tar = await ReadAtMost(
                    stream ?? throw new ContainerRuntimeException($"Docker returned no archive of {path}", isTransient: true), maxBytes, path, cancellationToken);
                return new ContainerArchive { ContainerId = containerId, Path = path, Data = Convert.ToBase64String(tar), Stat = stat };
            },
            (EngineCall.NoSuchContainerOfArchive, null),
            (e => statOnly && EngineCall.NotFound(e), NothingThere));

        if (!ReferenceEquals(archive, NothingThere))
            return archive;
        return await containers.InspectAsync(containerId, cancellationToken) is null
            ? null
            : new ContainerArchive { ContainerId = containerId, Path = path };
    }

    public async Task<bool> PutAsync(Guid containerId, string path, byte[] tar, CancellationToken cancellationToken)
    {
        // The engine refuses a missing container or destination before it reads the archive, and closes the connection
        // while a large one is still being sent: ask first, so that a refusal says what is wrong, not that the pipe broke.
        var destination = await GetAsync(containerId, path, statOnly: true, cancellationToken);
        if (destination is null)
            return false;
        if (NoDirectory(destination.Stat) is { } problem)
            throw new ContainerRuntimeException($"cannot extract the archive into {path}: {problem}");

        try
        {
            return await EngineCall.RunAsync(
                async () =>
                {
                    using var stream = new MemoryStream(tar, writable: false);
                    await docker.Containers.ExtractArchiveToContainerAsync(
                        ContainerLabels.DockerName(containerId), new CopyToContainerParameters { Path = path }, stream, cancellationToken);
                    return true;
                },
                (EngineCall.NoSuchContainerOfArchive, false));
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            throw new ContainerRuntimeException($"cannot extract the archive into {path}: {e.Message}", isTransient: false, e);
        }
    }

    /// <summary>Null when the stat is of a directory; otherwise what is there instead.</summary>
    private static string? NoDirectory(ArchiveStat? stat) => stat switch
    {
        null => "nothing is there",
        { Mode: var mode } when (mode & DirectoryMode) != 0 => null,

        // The engine stats a link itself, and follows it only when the path ends with '/'.
        { LinkTarget: { Length: > 0 } target } => $"it is a symbolic link to {target} (end the path with '/' to extract into where it points)",
        _ => "it is not a directory",
    };

    private static ArchiveStat ToStat(ContainerPathStatResponse? stat) => new()
    {
        Name = stat?.Name ?? "",
        Size = stat?.Size ?? 0,
        Mode = (uint)(stat?.Mode ?? 0),
        Mtime = stat is null ? default : new DateTimeOffset(DateTime.SpecifyKind(stat.Mtime.ToUniversalTime(), DateTimeKind.Utc)),
        LinkTarget = stat?.LinkTarget ?? "",
    };

    /// <summary>The whole stream, refused as soon as it runs past <paramref name="maxBytes"/>, so that no more of it is held.</summary>
    private static async Task<byte[]> ReadAtMost(Stream stream, int maxBytes, string path, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw TooLarge(path, maxBytes);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ContainerRuntimeException TooLarge(string path, int maxBytes) =>
        new($"the archive of {path} is larger than {WorkerOptions.Section}:MaxArchiveBytes ({maxBytes} bytes)");
}
