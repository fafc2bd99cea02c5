namespace Zun.Persistence.Tests.Harness;

/// <summary>Waits for a condition on stored state, since the harness's consumers finish in their own time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await read();
            if (last is not null && done(last))
                return last;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"timed out waiting for {what}; last read: {System.Text.Json.JsonSerializer.Serialize(last)}");
        return last!;
    }
}
