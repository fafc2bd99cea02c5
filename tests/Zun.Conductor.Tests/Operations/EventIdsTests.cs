using Zun.Conductor.Operations;

namespace Zun.Conductor.Tests.Operations;

public sealed class EventIdsTests
{
    [Fact]
    public void An_event_of_an_operation_gets_the_same_id_every_time_and_other_events_and_operations_other_ids()
    {
        var operation = Guid.NewGuid();

        var completed = EventIds.For(operation, "OperationCompleted");

        Assert.Equal(completed, EventIds.For(operation, "OperationCompleted"));
        Assert.NotEqual(completed, EventIds.For(operation, "OperationAccepted"));
        Assert.NotEqual(completed, EventIds.For(Guid.NewGuid(), "OperationCompleted"));
        Assert.Equal(8, completed.Version);
    }
}
