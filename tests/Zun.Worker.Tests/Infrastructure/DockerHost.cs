using Docker.DotNet;
using Docker.DotNet.Models;
using Zun.Contracts.Hosts;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;
using Zun.Worker.Options;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// The real Docker engine of this machine, shared by every test of the run. Every container a test makes carries
/// <see cref="RunLabel"/> = <see cref="RunId"/> and every image it makes lives under <see cref="ImageRepository"/>,
/// so that whatever a failing test leaves behind is removed at the end, and nothing else is touched.
/// </summary>
public sealed class DockerHost : IAsyncDisposable
{
    public const string BusyboxImage = "127.0.0.1:5000/busybox:latest";
    public const string RunLabel = "zun-test.run";

    private int _hosts;

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>A client of its own, for doing things to containers "from outside" the worker.</summary>
    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    /// <summary>A worker host name no other test uses, so that each test sees only its own containers' events and inventory.</summary>
    public string NewHostName() => $"wt-{RunId}-{Interlocked.Increment(ref _hosts)}";

    /// <summary>An image repository of this run, e.g. for commit.</summary>
    public string ImageRepository(string name) => $"zun-worker-test-{RunId}/{name}";

    public TestWorker NewWorker(int? maxOutputBytes = null, int? maxArchiveBytes = null) => new(this, Options(NewHostName(), maxOutputBytes, maxArchiveBytes));

    public static WorkerOptions Options(string host, int? maxOutputBytes = null, int? maxArchiveBytes = null)
    {
        var options = new WorkerOptions
        {
            Host = host,
            PublishAddress = "127.0.0.1",
            MaxOutputBytes = maxOutputBytes ?? 1024 * 1024,
            DefaultStopTimeoutSeconds = 1,
        };
        if (maxArchiveBytes is { } max)
            options.MaxArchiveBytes = max;
        return options;
    }

    /// <summary>A busybox container running <paramref name="command"/>, labelled as this run's.</summary>
    public ContainerSpec Spec(params string[] command) => new()
    {
        Image = BusyboxImage,
        Command = command.Length > 0 ? command : ["sleep", "300"],
        Labels = new Dictionary<string, string> { [RunLabel] = RunId },
    };

    /// <summary>The container as <c>docker inspect</c> shows it.</summary>
    public async Task<InspectedContainer> Inspect(Guid containerId) =>
        new(await Docker.Containers.InspectContainerAsync($"zun-{containerId:D}", TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        var ours = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{RunLabel}={RunId}"] = true },
            },
        });
        foreach (var container in ours)
            await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });

        var images = await Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [$"zun-worker-test-{RunId}/*"] = true },
            },
        });
        foreach (var tag in images.SelectMany(i => i.RepoTags ?? []))
            await Docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true });

        Docker.Dispose();
    }
}
