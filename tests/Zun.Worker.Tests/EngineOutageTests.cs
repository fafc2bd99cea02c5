using System.Diagnostics;
using System.Net;
using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Worker.Options;
using Zun.Worker.Runtime;
using Zun.Worker.Tests.Infrastructure;

namespace Zun.Worker.Tests;

/// <summary>Work that finds the engine away waits for it, within bounds; an engine that answers with an error is not away.</summary>
public sealed class EngineOutageTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    internal static ContainerRuntimeException Unreachable() =>
        new("Docker engine unreachable: Connection failed.", isTransient: true) { EngineUnreachable = true };

    [Fact]
    public async Task Work_that_finds_the_engine_unreachable_runs_again_once_the_engine_answers()
    {
        var (runtime, engine) = PingingEngine.Create(answerFromPing: 3);
        var outage = Outage(runtime, outageSeconds: 60);
        var attempts = 0;

        var result = await outage.RideOutAsync(_ => ++attempts == 1 ? throw Unreachable() : Task.FromResult("created"), deadline: null, Cancellation);

        Assert.Equal(("created", 2, 3), (result, attempts, engine.Pings));
        Assert.Null(outage.UnreachableSince);
    }

    [Fact]
    public async Task While_the_engine_is_away_the_outage_says_since_when()
    {
        var (runtime, engine) = PingingEngine.Create(answerFromPing: null);
        var outage = Outage(runtime, outageSeconds: 60);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var before = DateTimeOffset.UtcNow;

        var waiting = outage.RideOutAsync(_ => Task.FromException(Unreachable()), deadline: null, stop.Token);
        await Eventually.Get(() => Task.FromResult<int?>(engine.Pings), p => p >= 1, TimeSpan.FromSeconds(10), "a ping");

        Assert.InRange(outage.UnreachableSince ?? DateTimeOffset.MinValue, before, DateTimeOffset.UtcNow);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Work_fails_for_good_when_the_engine_stays_away_for_the_outage_window()
    {
        var (runtime, _) = PingingEngine.Create(answerFromPing: null);
        var outage = Outage(runtime, outageSeconds: 1);

        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => outage.RideOutAsync(_ => Task.FromException(Unreachable()), deadline: null, Cancellation));

        Assert.False(failure.IsTransient);
        // The reason gives the wait as it was: at least the window, more on a loaded machine (2 s was seen in CI).
        var waited = System.Text.RegularExpressions.Regex.Match(failure.Message, @"waited (\d+) s for the engine to answer again");
        Assert.True(waited.Success, failure.Message);
        Assert.InRange(int.Parse(waited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 30);
    }

    [Fact]
    public async Task Work_does_not_wait_for_the_engine_past_the_operation_deadline()
    {
        var (runtime, _) = PingingEngine.Create(answerFromPing: null);
        var outage = Outage(runtime, outageSeconds: 60);
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => outage.RideOutAsync(_ => Task.FromException(Unreachable()), DateTimeOffset.UtcNow.AddSeconds(1), Cancellation));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_engine_that_answers_with_an_error_is_not_waited_for()
    {
        var (runtime, engine) = PingingEngine.Create(answerFromPing: 1);
        var outage = Outage(runtime, outageSeconds: 60);
        var refusal = new ContainerRuntimeException("Conflict. The container name is already in use");
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => outage.RideOutAsync(
                _ =>
                {
                    attempts++;
                    return Task.FromException(refusal);
                },
                deadline: null,
                Cancellation));

        Assert.Same(refusal, failure);
        Assert.Equal((1, 0), (attempts, engine.Pings));
    }

    [Fact]
    public async Task A_call_to_an_engine_whose_socket_is_missing_fails_as_unreachable()
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri($"unix:///tmp/zun-no-engine-{Guid.NewGuid():N}.sock")).Build();

        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(() => new DockerEngine(docker).PingAsync(Cancellation));

        Assert.True((failure.EngineUnreachable, failure.IsTransient) == (true, true), failure.ToString());
    }

    [Fact]
    public async Task An_error_the_engine_answers_with_is_not_an_outage()
    {
        var failure = await Assert.ThrowsAsync<ContainerRuntimeException>(
            () => EngineCall.RunAsync(() => throw new DockerApiException(HttpStatusCode.InternalServerError, """{"message":"driver failed"}""")));

        Assert.Equal(("driver failed", false), (failure.Message, failure.EngineUnreachable));
    }

    private static EngineOutage Outage(IContainerRuntime runtime, int outageSeconds) =>
        new(runtime, Microsoft.Extensions.Options.Options.Create(new WorkerOptions { EngineOutageSeconds = outageSeconds }), TimeProvider.System, NullLogger<EngineOutage>.Instance);
}
