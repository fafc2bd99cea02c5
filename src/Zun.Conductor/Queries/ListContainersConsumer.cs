using MassTransit;
using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>Answers <see cref="ListContainers"/> from the saga store: one query, then the page it asked for.</summary>
internal sealed class ListContainersConsumer(ISagaReader<TrackedContainer> containers) : IConsumer<ListContainers>
{
    public async Task Consume(ConsumeContext<ListContainers> context)
    {
        var request = context.Message;
        var found = await containers.FindAsync(ContainerFilter.For(request), context.CancellationToken);
        // Up to 50 operations a container would make a page of 1,000 tens of megabytes; GetContainer has them.
        var matching = found.Select(c => c.ToContainerInfo(withOperations: false)).Where(ContainerFilter.Remaining(request));
        await context.RespondAsync(ContainerPage.Of(matching, request));
    }
}
