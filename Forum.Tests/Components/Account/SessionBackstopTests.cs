using Forum.App.Components.Account;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Tests.Components.Account;

/// <summary>The one timer behind every circuit's session re-check: each check once per turn, a failing one kept.</summary>
public sealed class SessionBackstopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunDue_RunsEachCheckOncePerInterval_KeepsAFailingOne_AndForgetsADisposedOne()
    {
        var clock = new ManualClock();
        var backstop = new SessionBackstop(clock, NullLogger<SessionBackstop>.Instance);
        var (fine, failing) = (0, 0);
        using var a = backstop.Register(_ => Task.FromResult(++fine));
        var b = backstop.Register(_ => { failing++; throw new InvalidOperationException("the database is away"); });
        var now = clock.GetUtcNow();

        Assert.Equal(0, await backstop.RunDueAsync(now + SessionBackstop.Interval * 0.7, Ct));
        Assert.Equal(2, await backstop.RunDueAsync(now + SessionBackstop.Interval * 1.3, Ct));
        Assert.Equal(0, await backstop.RunDueAsync(now + SessionBackstop.Interval * 1.3, Ct));
        Assert.Equal(2, await backstop.RunDueAsync(now + SessionBackstop.Interval * 2.7, Ct));
        b.Dispose();
        Assert.Equal(1, await backstop.RunDueAsync(now + SessionBackstop.Interval * 4.1, Ct));

        Assert.Equal((3, 2), (fine, failing));
        Assert.Equal(1, backstop.Count);
    }
}
