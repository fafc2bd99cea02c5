using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>The conductor's record of each operation, answered over request/response.</summary>
public sealed class OperationQueryTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_finished_operation_is_recorded_with_its_timestamps_and_outcome()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"], run: true);
        await System.Execute(create, create.OperationId);

        var info = await WaitForRecord(create.OperationId, OperationState.Completed);

        Assert.Equal(create.ContainerId, info.ContainerId);
        Assert.Equal(ContainerAction.Create, info.Action);
        Assert.Equal(System.WorkerHost, info.Host);
        Assert.Equal(ContainerStatus.Running, info.Status);
        Assert.NotNull(info.AcceptedAt);
        Assert.NotNull(info.DispatchedAt);
        Assert.True(info.FinishedAt >= info.DispatchedAt && info.DispatchedAt >= info.AcceptedAt);
    }

    [Fact]
    public async Task A_rejected_operation_is_recorded_with_its_reason()
    {
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };
        await System.Execute(start, start.OperationId);

        var info = await WaitForRecord(start.OperationId, OperationState.Rejected);

        Assert.Contains("not found", info.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_operation_is_not_found()
    {
        var client = System.Client.Services.GetRequiredService<IRequestClient<GetOperation>>();

        var response = await client.GetResponse<OperationInfo, OperationNotFound>(new GetOperation { OperationId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<OperationNotFound>? _));
    }

    /// <summary>
    /// The operation record is built from the published events on its own endpoint, so it may trail the
    /// event the test awaited by a few milliseconds: ask until it shows the expected state, within a bound.
    /// </summary>
    private async Task<OperationInfo> WaitForRecord(Guid operationId, OperationState expected)
    {
        var client = System.Client.Services.GetRequiredService<IRequestClient<GetOperation>>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var response = await client.GetResponse<OperationInfo, OperationNotFound>(
                new GetOperation { OperationId = operationId }, deadline.Token);
            if (response.Is(out Response<OperationInfo>? info) && info.Message.State == expected)
                return info.Message;

            await Task.Delay(50, deadline.Token);
        }
    }
}
