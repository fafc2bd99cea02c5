using Zun.Conductor.Operations;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Operations;

/// <summary>An operation's record only moves forward, whatever order replayed or late events arrive in.</summary>
public sealed class OperationRecordChangesTests
{
    private static readonly Guid OperationId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_replayed_acceptance_after_the_dispatch_keeps_the_record_dispatched()
    {
        var record = Apply(
            OperationRecordChanges.Of(new OperationDispatched { OperationId = OperationId, Host = "h1", Timestamp = At }),
            OperationRecordChanges.Of(new OperationAccepted { OperationId = OperationId, ProjectId = "p", Timestamp = At }));

        Assert.Equal(OperationState.Dispatched, record.GetState());
        Assert.Equal(("h1", "p"), (record.Host, record.ProjectId));
    }

    [Fact]
    public void The_first_end_is_kept_with_its_details_and_a_late_dispatch_does_not_reopen_it()
    {
        var record = Apply(
            OperationRecordChanges.Of(new OperationFailed { OperationId = OperationId, Reason = "out of disk", Status = ContainerStatus.Error, Timestamp = At }),
            OperationRecordChanges.Of(new OperationCompleted { OperationId = OperationId, Status = ContainerStatus.Running, Timestamp = At.AddSeconds(1) }),
            OperationRecordChanges.Of(new OperationDispatched { OperationId = OperationId, Host = "h1", Timestamp = At.AddSeconds(2) }));

        Assert.Equal(OperationState.Failed, record.GetState());
        Assert.Equal(("out of disk", (ContainerStatus?)ContainerStatus.Error, (DateTimeOffset?)At), (record.Reason, record.Status, record.FinishedAt));
        Assert.Equal("h1", record.Host);
    }

    private static TrackedOperation Apply(params Action<TrackedOperation>[] changes)
    {
        var record = new TrackedOperation { CorrelationId = OperationId };
        foreach (var change in changes)
            change(record);
        return record;
    }
}
