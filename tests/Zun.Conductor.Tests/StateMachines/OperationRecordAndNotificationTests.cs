using MassTransit;
using Zun.Conductor.Notifications;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// With each operation event the conductor writes the operation's record and sends its OpenStack notification,
/// from the same consume, after the container's record is saved.
/// </summary>
public sealed class OperationRecordAndNotificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_with_run_is_notified_as_start_then_end_under_the_message_ids_of_its_events()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();

        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        var accepted = Assert.Single(zun.Harness.Published.Select<OperationAccepted>(m => m.Context.Message.OperationId == create.OperationId, Ct));
        var completed = Assert.Single(zun.Harness.Published.Select<OperationCompleted>(m => m.Context.Message.OperationId == create.OperationId, Ct));
        var notified = Of(create.ContainerId, await zun.Notifications.WaitUntil(n => Of(create.ContainerId, n).Count == 2));
        Assert.Equal(["container.create.start", "container.create.end"], notified.Select(n => n.EventType));
        Assert.Equal([accepted.Context.MessageId, completed.Context.MessageId], notified.Select(n => (Guid?)n.MessageId));
    }

    [Fact]
    public async Task A_rejected_command_is_recorded_and_notified_as_an_error_with_its_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        var published = await zun.Notifications.WaitUntil(n => n.Any(x => x.EventType == "container.start.error"));
        var notification = Assert.Single(published, n => n.EventType == "container.start.error");
        Assert.Equal("ERROR", notification.Priority);
        Assert.Equal(rejected.Reason, notification.Payload["reason"]);
        var response = await zun.GetOperation(start.OperationId);
        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((OperationState.Rejected, rejected.Reason), (info.Message.State, info.Message.Reason));
    }

    [Fact]
    public async Task A_notification_that_cannot_be_sent_fails_the_consume_and_its_retry_sends_it_and_still_ends_the_operation()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Notifications.FailNext(1);
        var create = ConductorHarness.NewCreate();

        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        var notified = Of(create.ContainerId, await zun.Notifications.WaitUntil(n => Of(create.ContainerId, n).Count == 2));
        Assert.Equal(["container.create.start", "container.create.end"], notified.Select(n => n.EventType));
        var response = await zun.GetOperation(create.OperationId);
        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal(OperationState.Completed, info.Message.State);
        Assert.NotNull(info.Message.DispatchedAt);
    }

    [Fact]
    public async Task An_exec_the_worker_reports_finished_ends_its_operation_with_the_commands_exit_code()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var exec = new ExecInContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Command = ["false"] };
        await zun.Publish(exec);
        await zun.Sent<ExecInContainer>(e => e.OperationId == exec.OperationId);

        await zun.Publish(new ExecFinished
        {
            OperationId = exec.OperationId, ContainerId = containerId, Host = ConductorHarness.WorkerHost, ExitCode = 1, Timestamp = DateTimeOffset.UtcNow,
        });

        var completed = await zun.Published<OperationCompleted>(e => e.OperationId == exec.OperationId);
        Assert.Equal((ContainerAction.Exec, (int?)1), (completed.Action, completed.ExitCode));
        var published = await zun.Notifications.WaitUntil(n => n.Any(x => x.EventType == "container.exec.end"));
        Assert.Contains(published, n => n.EventType == "container.exec.end" && Equals(n.Payload["exit_code"], 1));
        var response = await zun.GetOperation(exec.OperationId);
        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((OperationState.Completed, (int?)1), (info.Message.State, info.Message.ExitCode));
    }

    private static List<OsloNotification> Of(Guid containerId, IEnumerable<OsloNotification> notifications) =>
        [.. notifications.Where(n => Equals(n.Payload["uuid"], containerId.ToString()))];
}
