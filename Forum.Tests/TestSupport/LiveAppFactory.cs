using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>
/// The app on a real loopback socket (WebSockets and streams need one), with settings of the test's choosing and a clock
/// the test may move (token expiry). Settings win over the factory's own, so a test can point two instances, one after
/// the other, at the same data directory.
/// </summary>
public class LiveAppFactory(IReadOnlyDictionary<string, string?>? settings = null) : ForumAppFactory, IAsyncLifetime
{
    private string? _baseUrl;


    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>http://127.0.0.1:port, started on first use.</summary>
    public string BaseUrl => _baseUrl ??= StartKestrel();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>As a fixture: Kestrel first (services asked for before it would start the in-memory server instead).</summary>
    public ValueTask InitializeAsync()
    {
        _ = BaseUrl;
        return ValueTask.CompletedTask;
    }

    public Task<LiveSocket> SocketAsync() => LiveSocket.ConnectAsync(BaseUrl);

    /// <summary>A socket that has sent auth for <paramref name="userName"/> and read the "auth is ok".</summary>
    public async Task<LiveSocket> SignedInSocketAsync(string userName)
    {
        var socket = await SocketAsync();
        await socket.AuthAsync(await this.TokenAsync(userName));
        return socket;
    }
}

/// <summary>Recheck every second (revocation tests stay short); everything else as configured.</summary>
public sealed class LiveApp() : LiveAppFactory(new Dictionary<string, string?> { ["Forum:Realtime:RecheckSeconds"] = "1" });
