using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>The app on a clock the test moves: token expiry, edit windows, rate-limit windows.</summary>
public sealed class ClockedAppFactory : ForumAppFactory
{
    /// <summary>Starts at the real time, so the demo seed's dates (written from the real clock) stay in the past.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
