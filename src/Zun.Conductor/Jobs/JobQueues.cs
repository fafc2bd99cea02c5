using Zun.Conductor.Persistence;

namespace Zun.Conductor.Jobs;

/// <summary>The projects' job lines in the saga store, each written in its turn (<see cref="DocumentTurns{TRecord}"/>).</summary>
internal sealed class JobQueues(ISagaDocumentStore<JobQueueRecord> store) : IDisposable
{
    private readonly DocumentTurns<JobQueueRecord> _turns = new(store, written: _ => { }, deleted: _ => { });

    /// <inheritdoc cref="JobQueueRecord.TryStart"/>
    public Task<string?> TryStartAsync(string? project, QueuedJob job, int maxRunning, CancellationToken cancellationToken) =>
        Change(project, record => record.TryStart(job, maxRunning), cancellationToken);

    public Task WaitAsync(string? project, QueuedJob job, CancellationToken cancellationToken) =>
        Change(project, record =>
        {
            record.Wait(job);
            return (string?)null;
        }, cancellationToken);

    public Task LeaveAsync(string? project, Guid jobId, CancellationToken cancellationToken) =>
        Change(project, record =>
        {
            record.Leave(jobId);
            return (string?)null;
        }, cancellationToken);

    public void Dispose() => _turns.Dispose();

    private Task<string?> Change(string? project, Func<JobQueueRecord, string?> change, CancellationToken cancellationToken) =>
        _turns.ChangeAsync(JobQueueRecord.IdOf(project), () => JobQueueRecord.For(project), change, cancellationToken);
}
