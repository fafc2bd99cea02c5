using MassTransit;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>Answers <see cref="ListContainers"/> from the saga store.</summary>
internal sealed class ListContainersConsumer(
    IQuerySagaRepository<TrackedContainer> query,
    ILoadSagaRepository<TrackedContainer> load) : IConsumer<ListContainers>
{
    public async Task Consume(ConsumeContext<ListContainers> context)
    {
        var request = context.Message;
        var ids = await query.Find(new SagaFilter<TrackedContainer>(ContainerFilter.For(request)));

        var containers = new List<ContainerInfo>();
        foreach (var id in ids)
        {
            // The name is not an indexed field: filter it here rather than make every store scan.
            if (await load.Load(id) is { } container && (request.Name is null || container.Spec.Name == request.Name))
                containers.Add(container.ToContainerInfo());
        }

        await context.RespondAsync(new ContainerList
        {
            Containers = [.. containers.OrderBy(c => c.CreatedAt).ThenBy(c => c.ContainerId)],
        });
    }
}
