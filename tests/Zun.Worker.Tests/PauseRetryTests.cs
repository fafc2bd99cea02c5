using System.Net;
using Docker.DotNet;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests;

/// <summary>A pause the freezer could not complete is tried again; any other refusal is not.</summary>
public sealed class PauseRetryTests
{
    private static readonly DockerApiException UnableToFreeze = new(
        HttpStatusCode.InternalServerError, """{"message":"Cannot pause container zun-1: OCI runtime pause failed: unable to freeze: unknown"}""");

    [Fact]
    public async Task A_pause_that_could_not_freeze_twice_succeeds_on_its_third_try()
    {
        var tries = 0;

        await PauseRetry.RunAsync(() => ++tries < PauseRetry.Attempts ? throw UnableToFreeze : Task.CompletedTask, TestContext.Current.CancellationToken);

        Assert.Equal(PauseRetry.Attempts, tries);
    }

    [Fact]
    public async Task A_pause_that_never_freezes_fails_with_the_engines_refusal_after_the_last_try()
    {
        var tries = 0;

        var refusal = await Assert.ThrowsAsync<DockerApiException>(() => PauseRetry.RunAsync(() => { tries++; throw UnableToFreeze; }, TestContext.Current.CancellationToken));

        Assert.Equal(PauseRetry.Attempts, tries);
        Assert.Same(UnableToFreeze, refusal);
    }

    [Fact]
    public async Task Any_other_refusal_is_not_tried_again()
    {
        var tries = 0;
        var notRunning = new DockerApiException(HttpStatusCode.Conflict, """{"message":"Container zun-1 is not running"}""");

        await Assert.ThrowsAsync<DockerApiException>(() => PauseRetry.RunAsync(() => { tries++; throw notRunning; }, TestContext.Current.CancellationToken));

        Assert.Equal(1, tries);
    }
}
