namespace Forum.Tests.TestSupport;

/// <summary>Waits for live effects: the bus delivers on the thread pool, after the publisher has returned.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 5_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            await Task.Delay(5, Xunit.TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Gives queued deliveries time to happen, for checks that something did NOT arrive.</summary>
    public static Task QuietAsync(int ms = 100) => Task.Delay(ms, Xunit.TestContext.Current.CancellationToken);
}
