using System.Diagnostics;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>Batch jobs on real Docker: run to completion, exit codes and output kept, retries, deadlines, no container left.</summary>
public sealed class JobTests(SharedZun zun, ITestOutputHelper output)
{
    private ZunTestSystem System => zun.System;

    private static RunJob NewJob(params string[] command) => new()
    {
        OperationId = Guid.NewGuid(),
        JobId = Guid.NewGuid(),
        Image = ZunTestSystem.BusyboxImage,
        Command = command,
    };

    [Fact]
    public async Task A_job_that_exits_non_zero_fails_with_its_exit_code_and_both_streams_of_its_output_and_leaves_no_container()
    {
        var job = NewJob("sh", "-c", "echo out; echo err >&2; exit 7");

        await System.Publish(job);

        var failed = Assert.IsType<JobFailed>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(60)));
        Assert.Equal((7, 1, "exited with code 7"), (failed.ExitCode, failed.Attempts, failed.Reason));
        Assert.Contains("out", failed.Output, StringComparison.Ordinal);
        Assert.Contains("err", failed.Output, StringComparison.Ordinal);
        var started = Assert.Single(System.Events.All<JobStarted>(e => e.JobId == job.JobId));
        Assert.Null(await System.InspectInDocker(started.ContainerId));
        var info = await System.Ask<GetJob, JobInfo>(new GetJob { JobId = job.JobId });
        Assert.Equal((JobState.Failed, 7), (info.State, info.ExitCode));
        Assert.Equal(started.ContainerId, Assert.Single(info.Attempts).ContainerId);
    }

    [Fact]
    public async Task A_job_that_fails_twice_then_succeeds_on_its_third_attempt_succeeds_with_attempts_3()
    {
        var job = NewJob("sh", "-c", "echo attempt $ZUN_JOB_ATTEMPT of $ZUN_JOB_ID; [ \"$ZUN_JOB_ATTEMPT\" -ge 3 ]") with { MaxAttempts = 3 };

        await System.Publish(job);

        var succeeded = Assert.IsType<JobSucceeded>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(90)));
        Assert.Equal((0, 3), (succeeded.ExitCode, succeeded.Attempts));
        Assert.Contains($"attempt 3 of {job.JobId}", succeeded.Output, StringComparison.Ordinal);
        var failures = System.Events.All<JobAttemptFailed>(e => e.JobId == job.JobId);
        Assert.Equal([1, 2], failures.Select(f => f.Attempt).Order());
        Assert.All(failures, f => Assert.Equal(1, f.ExitCode));
    }

    [Fact]
    public async Task A_job_out_of_attempts_fails_with_the_attempts_it_had()
    {
        var job = NewJob("sh", "-c", "[ \"$ZUN_JOB_ATTEMPT\" -ge 3 ]") with { MaxAttempts = 2 };

        await System.Publish(job);

        var failed = Assert.IsType<JobFailed>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(90)));
        Assert.Equal((1, 2), (failed.ExitCode, failed.Attempts));
    }

    [Fact]
    public async Task A_job_that_sleeps_past_its_deadline_times_out_within_two_seconds_of_it_and_its_container_is_removed()
    {
        var job = NewJob("sh", "-c", "echo started; sleep 300") with { ActiveDeadlineSeconds = 3 };
        var sincePublish = Stopwatch.StartNew();
        await System.Publish(job);
        var started = await System.Events.WaitFor<JobStarted>(e => e.JobId == job.JobId, TimeSpan.FromSeconds(60));
        var sinceStarted = Stopwatch.StartNew();

        var timedOut = Assert.IsType<JobTimedOut>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(30)));

        // The deadline counts from the attempt's start, when its create is sent, a little before the container runs.
        output.WriteLine($"publish -> JobTimedOut in {sincePublish.ElapsedMilliseconds} ms, JobStarted -> JobTimedOut in {sinceStarted.ElapsedMilliseconds} ms (deadline 3 s)");
        Assert.True(sincePublish.Elapsed >= TimeSpan.FromSeconds(3), $"timed out {sincePublish.Elapsed} after the publish, before its 3 s deadline");
        Assert.True(sinceStarted.Elapsed <= TimeSpan.FromSeconds(5), $"timed out {sinceStarted.Elapsed} after it started, more than 2 s past its 3 s deadline");
        Assert.Contains("started", timedOut.Output, StringComparison.Ordinal);
        Assert.Equal("the active deadline of 3 s passed", timedOut.Reason);
        Assert.Null(await System.InspectInDocker(started.ContainerId));
    }

    [Fact]
    public async Task A_job_whose_command_is_bad_is_refused_naming_the_field()
    {
        var job = NewJob("true") with { MaxAttempts = 0 };

        await System.Publish(job);

        var rejected = Assert.IsType<OperationRejected>(await System.Events.Outcome(job.OperationId));
        Assert.Equal(("maxAttempts must be from 1 to 100, got 0", ContainerAction.RunJob), (rejected.Reason, rejected.Action));
        Assert.Empty(System.Events.All<JobAccepted>(e => e.JobId == job.JobId));
    }

    [Fact]
    public async Task A_cancelled_job_ends_cancelled_and_its_container_is_removed()
    {
        var job = NewJob("sleep", "300");
        await System.Publish(job);
        var started = await System.Events.WaitFor<JobStarted>(e => e.JobId == job.JobId, TimeSpan.FromSeconds(60));
        var cancel = new CancelJob { OperationId = Guid.NewGuid(), JobId = job.JobId };

        await System.Publish(cancel);

        var cancelled = Assert.IsType<JobCancelled>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(30)));
        Assert.Equal(cancel.OperationId, cancelled.OperationId);
        Assert.Null(await System.InspectInDocker(started.ContainerId));
        await System.Publish(cancel with { OperationId = Guid.NewGuid() });
    }

    [Fact]
    public async Task A_job_that_runs_out_of_memory_fails_saying_OOMKilled()
    {
        var job = NewJob("sh", "-c", "head -c 200m /dev/zero | tail") with { MemoryMb = 16 };

        await System.Publish(job);

        var failed = Assert.IsType<JobFailed>(await System.Events.JobEnd(job.JobId, TimeSpan.FromSeconds(60)));
        output.WriteLine($"reason: {failed.Reason}, exit code {failed.ExitCode}");
        Assert.StartsWith("OOMKilled", failed.Reason, StringComparison.Ordinal);
    }
}
