using System.Security.Cryptography;

namespace Forum.Tests.TestSupport;

/// <summary>
/// Two app nodes on Kestrel in this process, one shared database and one throwaway Redis: what "Running several nodes"
/// in README starts with real processes. Node A starts first and migrates; B finds the database ready.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "forum-tests", $"cluster-{Guid.NewGuid():N}");

    public RedisServer Redis { get; } = new();
    public ClusterNode A { get; private set; } = null!;
    public ClusterNode B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Redis.InitializeAsync();
        var settings = new Dictionary<string, string?>(SharedDatabaseSettings())
        {
            ["Forum:Bus:Redis"] = Redis.ConnectionString,
            ["Forum:Bus:Prefix"] = $"cluster{Guid.NewGuid():N}",
            ["Forum:Jwt:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Forum:Realtime:RecheckSeconds"] = "1",
        };
        A = new ClusterNode(settings);
        await A.InitializeAsync();
        B = new ClusterNode(settings);
        await B.InitializeAsync();
    }

    /// <summary>
    /// The one database both nodes use: a shared SQLite file for now. For PostgreSQL, return its provider and connection
    /// string here (Forum:Data:Provider, ConnectionStrings:Forum) and every cluster test runs on it.
    /// </summary>
    private Dictionary<string, string?> SharedDatabaseSettings() => new()
    {
        ["Forum:Data:Directory"] = _dataDir,
        ["Forum:Data:SeedDemoData"] = "false",
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (B is not null) await B.DisposeAsync();
            if (A is not null) await A.DisposeAsync();
        }
        finally
        {
            // Whatever the nodes did on the way down, the server this fixture started goes with it.
            await Redis.DisposeAsync();
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>One node of a <see cref="TwoNodeCluster"/>: the settings above win over the factory's own data directory.</summary>
public sealed class ClusterNode(IReadOnlyDictionary<string, string?> settings) : LiveAppFactory(settings)
{
    protected override bool EphemeralKeys => false;

    /// <summary>A client of this node's socket that keeps cookies and shows redirects.</summary>
    public HttpClient SocketClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A client of this node's socket that sends exactly <paramref name="cookie"/>.</summary>
    public HttpClient ReplayClient(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
