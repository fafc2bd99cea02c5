using MassTransit;
using Zun.Conductor.Tenancy;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>Answers <see cref="GetOperation"/> from the operation's record; another project's operation is not found.</summary>
internal sealed class GetOperationConsumer(IOperationJournal journal) : IConsumer<GetOperation>
{
    public async Task Consume(ConsumeContext<GetOperation> context)
    {
        var request = context.Message;
        var record = await journal.Find(request.OperationId, context.CancellationToken);
        if (record is not null && request.Sees(record.ProjectId))
            await context.RespondAsync(record.ToInfo());
        else
            await context.RespondAsync(new OperationNotFound { OperationId = request.OperationId });
    }
}
