using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.StateMachines.Activities;
using Zun.Contracts;

namespace Zun.Conductor.Jobs.Activities;

/// <summary>
/// Keeps the tail of the ended attempt's output (stdout and stderr, as the container's logs give them), at most the
/// job's <c>keepOutputBytes</c>, read from its host before the container is removed. Output that cannot be read (the
/// host is gone) is kept empty, saying so in the log: the job's ending does not wait on it. The request goes through
/// the bus, not the consume: the consume's outbox would hold it back until the consume ends, after its answer was due.
/// </summary>
internal sealed partial class KeepJobOutputActivity(IBus bus, ILogger<KeepJobOutputActivity> logger) : InstanceActivity<TrackedJob>
{
    private static readonly RequestTimeout Timeout = RequestTimeout.After(s: 15);

    protected override string Name => "keep-job-output";

    protected override async Task Apply(BehaviorContext<TrackedJob> context)
    {
        var job = context.Saga;
        if (job.ContainerGone || job.CurrentAttempt is not { } attempt)
            return;

        var request = new GetContainerLogs { ContainerId = attempt.ContainerId, ProjectId = job.ProjectId };
        try
        {
            var logs = bus.CreateRequestClient<GetContainerLogs>(Timeout);
            var response = await logs.GetResponse<ContainerLogs, RequestRejected, ContainerNotFound>(request, context.CancellationToken);
            if (response.Is(out Response<ContainerLogs>? answer))
            {
                var (tail, cut) = Tail(answer.Message.Output, job.Request.KeepOutputBytes);
                job.KeepOutput(tail, cut || answer.Message.Truncated);
                return;
            }

            LogUnread(logger, job.CorrelationId, attempt.Number, response.Is(out Response<RequestRejected>? rejected) ? rejected.Message.Reason : "the container is not found");
        }
        catch (RequestTimeoutException)
        {
            LogUnread(logger, job.CorrelationId, attempt.Number, $"no answer within {Timeout.Value.TotalSeconds:0} s");
        }
        catch (RequestFaultException fault)
        {
            LogUnread(logger, job.CorrelationId, attempt.Number, fault.Message);
        }

        job.KeepOutput("", truncated: false);
    }

    /// <summary>The last <paramref name="maxBytes"/> bytes of <paramref name="output"/> in UTF-8, cut at a character's start.</summary>
    internal static (string Tail, bool Truncated) Tail(string output, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(output);
        if (bytes.Length <= maxBytes)
            return (output, false);

        var start = bytes.Length - maxBytes;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
            start++;
        return (Encoding.UTF8.GetString(bytes, start, bytes.Length - start), true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt}: its output could not be read ({Reason}); none is kept")]
    private static partial void LogUnread(ILogger logger, Guid jobId, int attempt, string reason);
}
