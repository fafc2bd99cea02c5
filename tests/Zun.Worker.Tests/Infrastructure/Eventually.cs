namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// Polls a condition with a bounded deadline, for the few things Docker raises no event for (a server in a container
/// answering, log lines written). Everything that has an event is awaited, not polled.
/// </summary>
internal static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> read, Func<T?, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T? last;
        while (true)
        {
            last = await read();
            if (done(last))
                return last!;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{what} not within {timeout.TotalSeconds} s; last seen: {last}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
