using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>An operation id reused for another container, on the real broker and the conductor's SQLite store.</summary>
public sealed class OperationIdReuseTests(SharedZun zun)
{
    [Fact]
    public async Task A_create_reusing_another_containers_operation_id_is_rejected_and_the_id_keeps_its_first_operation()
    {
        var system = zun.System;
        var first = ZunTestSystem.NewCreate();
        Assert.IsType<OperationCompleted>(await system.Execute(first, first.OperationId));
        var second = ZunTestSystem.NewCreate() with { OperationId = first.OperationId };

        await system.Publish(second);

        var rejected = await system.Events.WaitFor<OperationRejected>(e => e.OperationId == first.OperationId);
        Assert.Equal(second.ContainerId, rejected.ContainerId);
        Assert.Contains($"already used by create on container {first.ContainerId}", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(await system.InspectInDocker(second.ContainerId));
        var client = system.Client.Services.GetRequiredService<IRequestClient<GetOperation>>();
        var response = await client.GetResponse<OperationInfo, OperationNotFound>(new GetOperation { OperationId = first.OperationId }, TestContext.Current.CancellationToken);
        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((first.ContainerId, OperationState.Completed), (info.Message.ContainerId, info.Message.State));
    }
}
