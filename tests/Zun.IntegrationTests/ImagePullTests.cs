using Docker.DotNet;
using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>Image pulls through Zun, from the real local registry.</summary>
public sealed class ImagePullTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task PullImage_of_an_image_only_in_the_registry_brings_it_onto_the_host()
    {
        var image = await PushUniqueImageToRegistryOnly();
        var pull = new PullImage { OperationId = Guid.NewGuid(), Image = image, ProjectId = "it-project" };

        var outcome = await System.Execute(pull, pull.OperationId);

        Assert.IsType<OperationCompleted>(outcome);
        var pulled = await System.Events.WaitFor<ImagePulled>(e => e.OperationId == pull.OperationId);
        Assert.Equal(System.WorkerHost, pulled.Host);
        Assert.NotNull(await System.Docker.Images.InspectImageAsync(image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PullImage_of_an_image_that_does_not_exist_fails_naming_the_image()
    {
        var image = $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest";
        var pull = new PullImage { OperationId = Guid.NewGuid(), Image = image };

        var outcome = await System.Execute(pull, pull.OperationId);

        var failed = Assert.IsType<OperationFailed>(outcome);
        Assert.Contains(image, failed.Reason, StringComparison.Ordinal);
        var pullFailed = await System.Events.WaitFor<ImagePullFailed>(e => e.OperationId == pull.OperationId);
        Assert.Contains(image, pullFailed.Reason, StringComparison.Ordinal);
    }

    /// <summary>Tags the seeded busybox under a new name, pushes it, and removes every local copy of that name.</summary>
    private async Task<string> PushUniqueImageToRegistryOnly()
    {
        var repository = $"127.0.0.1:5000/zun-pull-{Guid.NewGuid():N}"[..40];
        var image = $"{repository}:v1";
        await System.Docker.Images.TagImageAsync(ZunTestSystem.BusyboxImage, new ImageTagParameters { RepositoryName = repository, Tag = "v1" });

        string? pushError = null;
        await System.Docker.Images.PushImageAsync(image, new ImagePushParameters { Tag = "v1" }, new AuthConfig(),
            new Progress<JSONMessage>(m => pushError ??= m.Error?.Message));
        Assert.Null(pushError);

        await System.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters());
        await Assert.ThrowsAnyAsync<DockerApiException>(() => System.Docker.Images.InspectImageAsync(image));
        return image;
    }
}
