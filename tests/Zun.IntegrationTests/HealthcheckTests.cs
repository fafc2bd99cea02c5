using System.Diagnostics;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>A container's health check is Docker's HEALTHCHECK, and each change of its health reaches Zun's status events within seconds.</summary>
public sealed class HealthcheckTests(SharedZun zun, ITestOutputHelper output)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_health_check_failing_then_passing_is_published_unhealthy_then_healthy_and_shown_in_the_container()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"]) with
        {
            Healthcheck = new Healthcheck { Command = "test -f /tmp/ok", IntervalSeconds = 1, Retries = 1, TimeoutSeconds = 1 },
        };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        await System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId && e.Health == "unhealthy", TimeSpan.FromSeconds(10));
        var check = (await System.InspectInDocker(create.ContainerId))?.Config?.Healthcheck;
        Assert.NotNull(check);
        Assert.Equal(["CMD-SHELL", "test -f /tmp/ok"], check.Test);
        Assert.Equal(TimeSpan.FromSeconds(1), check.Interval);

        var clock = Stopwatch.StartNew();
        var touched = await System.Ask<ExecInContainer, ExecResult>(new ExecInContainer { ContainerId = create.ContainerId, Command = ["touch", "/tmp/ok"] });
        Assert.Equal(0, touched.ExitCode);
        var healthy = await System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId && e.Health == "healthy", TimeSpan.FromSeconds(5));
        output.WriteLine($"check passing -> healthy event in {clock.ElapsedMilliseconds} ms (checks every 1 s)");

        Assert.Equal(ContainerStatus.Running, healthy.Status);
        var info = await System.Info(create.ContainerId);
        Assert.Equal(("healthy", "test -f /tmp/ok"), (info.Health, info.Healthcheck?.Command));
    }

    [Fact]
    public async Task A_health_check_out_of_bounds_is_rejected_naming_the_field()
    {
        var create = ZunTestSystem.NewCreate(["sleep", "300"]) with { Healthcheck = new Healthcheck { Command = "true", IntervalSeconds = 0 } };

        var rejected = Assert.IsType<OperationRejected>(await System.Execute(create, create.OperationId));

        Assert.Equal("healthcheck.interval must be from 1 to 86400 (s), got 0", rejected.Reason);
    }
}
