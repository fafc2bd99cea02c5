using Zun.Conductor.Operations;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Operations;

public sealed class PendingRecordChangesTests
{
    [Fact]
    public void Changes_of_one_operation_queue_one_write_that_applies_them_in_order()
    {
        var pending = new PendingRecordChanges();
        var operationId = Guid.NewGuid();

        var first = pending.Add(operationId, r => r.Advance(OperationState.Accepted));
        var second = pending.Add(operationId, r => r.Advance(OperationState.Dispatched));
        var record = new TrackedOperation();
        pending.Take(operationId)(record);

        Assert.Equal((true, false), (first, second));
        Assert.Equal(OperationState.Dispatched, record.GetState());
    }

    [Fact]
    public void A_change_after_the_write_was_taken_queues_a_write_of_its_own()
    {
        var pending = new PendingRecordChanges();
        var operationId = Guid.NewGuid();
        pending.Add(operationId, r => r.Advance(OperationState.Accepted));
        pending.Take(operationId);

        Assert.True(pending.Add(operationId, r => r.Advance(OperationState.Completed)));
    }
}
