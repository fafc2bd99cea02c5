using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.Worker.Runtime;

/// <summary>The engine's images: whether one is on the host, pulling one, and making one of a container.</summary>
internal sealed class DockerImages(IDockerClient docker)
{
    public Task<bool> ExistsAsync(string image, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(
            async () =>
            {
                await docker.Images.InspectImageAsync(image, cancellationToken);
                return true;
            },
            (EngineCall.NoSuchImage, false));

    public async Task PullAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        string? streamedError = null;

        // The engine reports some pull failures inside the progress stream rather than as a status code.
        var progress = new SynchronousProgress<JSONMessage>(m => streamedError ??= m.Error?.Message);
        await EngineCall.RunAsync(() => docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag },
            authConfig: null,
            progress,
            cancellationToken));

        if (streamedError is not null && !await ExistsAsync(image, cancellationToken))
            throw new ContainerRuntimeException(streamedError);
    }

    public Task<string> CommitAsync(Guid containerId, string repository, string tag, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            // Pause keeps the file system still while it is copied, as OpenStack Zun does; Docker unpauses afterwards.
            var image = await docker.Images.CommitContainerChangesAsync(
                new CommitContainerChangesParameters
                {
                    ContainerID = ContainerLabels.DockerName(containerId),
                    RepositoryName = repository,
                    Tag = tag,
                    Pause = true,
                },
                cancellationToken);
            return image.ID;
        });
}
