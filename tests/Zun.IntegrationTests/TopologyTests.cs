using MassTransit;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>What Zun declares on the broker.</summary>
public sealed class TopologyTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_command_has_its_own_exchange_and_none_is_declared_for_the_interfaces_it_implements()
    {
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };
        await System.Bus.Publish(stop, Ct);
        await System.Events.WaitFor<OperationRejected>(e => e.OperationId == stop.OperationId);

        var exchanges = await TestBroker.ExchangeNamesAsync(System.VirtualHost);

        Assert.Contains("Zun.Contracts:StopContainer", exchanges);
        Assert.DoesNotContain(exchanges, e => e.Contains(nameof(IContainerCommand), StringComparison.Ordinal) || e.Contains(nameof(IZunCommand), StringComparison.Ordinal));
    }
}
