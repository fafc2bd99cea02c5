using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>Answers <see cref="GetOperation"/> from the operation's record.</summary>
internal sealed class GetOperationConsumer(IOperationJournal journal) : IConsumer<GetOperation>
{
    public async Task Consume(ConsumeContext<GetOperation> context)
    {
        var record = await journal.Find(context.Message.OperationId, context.CancellationToken);
        if (record is null)
            await context.RespondAsync(new OperationNotFound { OperationId = context.Message.OperationId });
        else
            await context.RespondAsync(record.ToInfo());
    }
}
