using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Consumers;
using Zun.Worker.LiveState;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>The worker's runtime and action handler on the real engine, for one test's own host name.</summary>
public sealed class TestWorker
{
    internal TestWorker(DockerHost docker, WorkerOptions options)
    {
        Docker = docker;
        Options = options;
        Runtime = new DockerContainerRuntime(docker.Docker, Microsoft.Extensions.Options.Options.Create(options));
        Mounts = new ContainerMounts(Runtime, new DockerVolumes(docker.Docker), Microsoft.Extensions.Options.Options.Create(options));
        Handler = new ContainerActionHandler(Runtime, Mounts, new OwnActionEchoes(TimeProvider.System), Microsoft.Extensions.Options.Options.Create(options));
    }

    public DockerHost Docker { get; }

    public WorkerOptions Options { get; }

    internal ContainerMounts Mounts { get; }

    public string Host => Options.Host;

    internal IContainerRuntime Runtime { get; }

    internal ContainerActionHandler Handler { get; }

    public PerformContainerAction Action(ContainerAction action, Guid containerId) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = containerId,
        Action = action,
        Host = Host,
    };

    internal Task<ActionOutcome> Do(PerformContainerAction action) => Handler.Handle(action, TestContext.Current.CancellationToken);

    internal Task<ActionOutcome> Do(ContainerAction action, Guid containerId) => Do(Action(action, containerId));

    /// <summary>Creates (and by default starts) a container through the handler, as a create operation would.</summary>
    internal async Task<(Guid ContainerId, RuntimeContainer Container)> Create(ContainerSpec spec, bool run = true)
    {
        var containerId = Guid.NewGuid();
        var outcome = await Do(Action(ContainerAction.Create, containerId) with { Spec = spec, Run = run });
        Assert.NotNull(outcome.Container);
        return (containerId, outcome.Container);
    }

    internal Task<(Guid ContainerId, RuntimeContainer Container)> Run(params string[] command) => Create(Docker.Spec(command));
}
