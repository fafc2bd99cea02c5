using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Admission;

/// <summary>A command that names no operation cannot be refused to one: it is reported in a <c>command.error</c> notification.</summary>
public sealed class UnreadableCommandTests
{
    [Fact]
    public async Task A_command_without_an_operation_id_gets_a_command_error_and_no_operation_event()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { OperationId = Guid.Empty };

        await zun.Publish(create);

        var notifications = await zun.Notifications.WaitUntil(n => n.Any(e => e.EventType == "command.error"));
        var error = Assert.Single(notifications, n => n.EventType == "command.error");
        Assert.Equal("CreateContainer", error.Payload["command"]);
        Assert.Equal("CreateContainer: operationId must be a non-empty UUID", error.Payload["problem"]);
        Assert.Empty(zun.PublishedSoFar<OperationRejected>(_ => true));
        Assert.Empty(zun.Worker.Received);
    }
}
