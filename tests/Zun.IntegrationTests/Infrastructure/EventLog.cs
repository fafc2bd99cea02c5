using Zun.Contracts;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>Every event a test client heard, with awaitable waits for the ones a test expects.</summary>
public sealed class EventLog
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<object> _events = [];
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<object> Found)> _waiters = [];

    public void Add(object message)
    {
        lock (_gate)
        {
            _events.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(message);
            }
        }
    }

    public IReadOnlyList<T> All<T>(Func<T, bool>? match = null)
    {
        lock (_gate)
            return _events.OfType<T>().Where(e => match?.Invoke(e) ?? true).ToList();
    }

    /// <summary>The first event of type <typeparamref name="T"/> that matches, heard before or within the timeout.</summary>
    public async Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var found = await WaitFor(e => e is T typed && match(typed), typeof(T).Name, timeout);
        return (T)found;
    }

    /// <summary>The terminal event of an operation: completed, failed or rejected.</summary>
    public Task<object> Outcome(Guid operationId, TimeSpan? timeout = null) =>
        WaitFor(e => e switch
        {
            OperationCompleted c => c.OperationId == operationId,
            OperationFailed f => f.OperationId == operationId,
            OperationRejected r => r.OperationId == operationId,
            OperationTimedOut t => t.OperationId == operationId,
            _ => false,
        }, $"outcome of operation {operationId}", timeout);

    /// <summary>The terminal event of a batch job: succeeded, failed, timed out or cancelled.</summary>
    public Task<object> JobEnd(Guid jobId, TimeSpan? timeout = null) =>
        WaitFor(e => e switch
        {
            JobSucceeded s => s.JobId == jobId,
            JobFailed f => f.JobId == jobId,
            JobTimedOut t => t.JobId == jobId,
            JobCancelled c => c.JobId == jobId,
            _ => false,
        }, $"end of job {jobId}", timeout);

    private async Task<object> WaitFor(Func<object, bool> match, string description, TimeSpan? timeout)
    {
        TaskCompletionSource<object> found;
        lock (_gate)
        {
            var seen = _events.FirstOrDefault(match);
            if (seen is not null)
                return seen;

            found = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
        }

        var limit = timeout ?? DefaultTimeout;
        var completed = await Task.WhenAny(found.Task, Task.Delay(limit));
        if (completed != found.Task)
            throw new TimeoutException($"no {description} within {limit.TotalSeconds:0.#} s; heard {Describe()}");

        return await found.Task;
    }

    private string Describe()
    {
        lock (_gate)
            return string.Join(", ", _events.TakeLast(12).Select(e => e.GetType().Name));
    }
}
