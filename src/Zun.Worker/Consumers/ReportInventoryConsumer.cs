using MassTransit;
using Zun.Contracts.Hosts;
using Zun.Worker.LiveState;

namespace Zun.Worker.Consumers;

/// <summary>The conductor asks for an inventory now, for instance after an operation here timed out.</summary>
internal sealed class ReportInventoryConsumer(HostInventoryPublisher inventory) : IConsumer<ReportInventory>
{
    public Task Consume(ConsumeContext<ReportInventory> context) => inventory.PublishAsync(context.CancellationToken);
}
