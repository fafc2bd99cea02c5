using Zun.Conductor.Tests.Infrastructure;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>A stop's timeout is bounded before anything reaches the host.</summary>
public sealed class StopTimeoutTests
{
    [Fact]
    public async Task A_stop_with_a_timeout_past_the_bound_is_rejected_naming_the_bound_and_never_reaches_the_host()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = int.MaxValue };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(stop, stop.OperationId));

        Assert.Contains($"at most {CommandValidator.MaxTimeoutSeconds}", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Stop);
    }
}
