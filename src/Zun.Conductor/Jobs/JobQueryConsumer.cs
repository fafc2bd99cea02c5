using MassTransit;
using Zun.Conductor.Persistence;
using Zun.Conductor.Tenancy;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>Answers <see cref="GetJob"/> and <see cref="ListJobs"/> from the saga store, within the caller's projects.</summary>
internal sealed class JobQueryConsumer(ISagaReader<TrackedJob> jobs) : IConsumer<GetJob>, IConsumer<ListJobs>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task Consume(ConsumeContext<GetJob> context)
    {
        var request = context.Message;
        var found = await jobs.FindAsync(j => j.CorrelationId == request.JobId, context.CancellationToken);
        if (found.Count > 0 && found[0] is var job && request.Sees(job.ProjectId))
            await context.RespondAsync(job.ToInfo());
        else
            await context.RespondAsync(new JobNotFound { JobId = request.JobId });
    }

    public async Task Consume(ConsumeContext<ListJobs> context)
    {
        var request = context.Message;
        if (request.Limit is < 1 or > MaxLimit)
        {
            await context.RespondAsync(new RequestRejected { Reason = $"limit must be from 1 to {MaxLimit}, got {request.Limit}" });
            return;
        }

        var project = request.ProjectId;
        var found = request.AllProjects && project is null
            ? await jobs.FindAsync(j => j.CorrelationId != Guid.Empty, context.CancellationToken)
            : await jobs.FindAsync(j => j.ProjectId == project, context.CancellationToken);
        var listed = found
            .Where(j => request.State is not { } state || j.State == state)
            .OrderByDescending(j => j.SubmittedAt)
            .Take(request.Limit ?? DefaultLimit)
            .Select(j => j.ToInfo())
            .ToList();
        await context.RespondAsync(new JobList { Jobs = listed });
    }
}
