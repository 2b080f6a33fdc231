using System.Security.Cryptography;
using Forum.Tests.TestSupport.Postgres;

namespace Forum.Tests.TestSupport;

/// <summary>
/// Two app nodes on Kestrel in this process, one shared database and one throwaway Redis: what "Running several nodes"
/// in README starts with real processes. Node A starts first and migrates; B finds the database ready.
/// </summary>
public class TwoNodeCluster : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "forum-tests", $"cluster-{Guid.NewGuid():N}");

    public RedisServer Redis { get; } = new();
    public ClusterNode A { get; private set; } = null!;
    public ClusterNode B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Redis.InitializeAsync();
        var settings = new Dictionary<string, string?>(await SharedDatabaseSettingsAsync())
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

    /// <summary>The one database both nodes use: here a shared SQLite file; <see cref="TwoNodeClusterOnPostgres"/> overrides it.</summary>
    protected virtual Task<Dictionary<string, string?>> SharedDatabaseSettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Forum:Data:Directory"] = _dataDir,
        ["Forum:Data:SeedDemoData"] = "false",
    });

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;

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
            await DisposeDatabaseAsync();
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>The same two nodes on one PostgreSQL database, empty at first: node A migrates it.</summary>
public sealed class TwoNodeClusterOnPostgres : TwoNodeCluster
{
    private PostgresTestStore? _store;

    protected override async Task<Dictionary<string, string?>> SharedDatabaseSettingsAsync()
    {
        _store = await PostgresTestStore.CreateAsync(empty: true);
        var settings = await base.SharedDatabaseSettingsAsync();
        settings["Forum:Data:Provider"] = "Postgres";
        settings["ConnectionStrings:Forum"] = _store.ConnectionString;
        return settings;
    }

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
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
