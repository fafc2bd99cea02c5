namespace Zun.Worker.Runtime;

/// <summary>
/// Reports on the reading thread, in order. <see cref="Progress{T}"/> would post each report to the thread pool,
/// where reports can overtake each other and still run after the call that made them has returned.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
