using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Forum.Tests.TestSupport.Postgres.PostgresCluster))]

namespace Forum.Tests.TestSupport.Postgres;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (initdb + pg_ctl from Debian's postgresql package), on a free
/// 127.0.0.1 port with trust authentication and no durability (fsync off): started by the first test that asks for a
/// database, stopped when the run ends. Without the server binaries it fails with the install line, never skips.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string InstallHint = "apt-get install -y postgresql";
    private const string Role = "forum";
    private static PostgresCluster? _shared;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _dataDir, _pgCtl;
    private int _port;

    public PostgresCluster() => _shared = this;

    /// <summary>The run's cluster (an assembly fixture: xunit builds it before any test and disposes it after the last).</summary>
    public static PostgresCluster Shared => _shared ?? throw new InvalidOperationException("The PostgreSQL assembly fixture is not registered.");

    /// <summary>A connection string for <paramref name="database"/> on the cluster, starting the cluster if needed.</summary>
    public async Task<string> ConnectionStringAsync(string database)
    {
        await StartAsync();
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = _port, Username = Role, Database = database,
            // Many small databases come and go: a short idle life keeps the server's connection count low.
            ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1, MaxPoolSize = 20,
        }.ConnectionString;
    }

    /// <summary>Runs one statement on the maintenance database (CREATE/DROP DATABASE and the like).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_dataDir is not null) return;
            var bin = FindBinaries(SearchPath()) ?? throw MissingBinaries();
            var dir = Directory.CreateTempSubdirectory("forum-pg-").FullName;
            var asRoot = Environment.UserName == "root";
            if (asRoot) await RunAsync("chown", $"postgres {dir}", asRoot: false); // initdb refuses to run as root
            _pgCtl = Path.Combine(bin, "pg_ctl");
            _port = FreePort();
            await RunAsync(Path.Combine(bin, "initdb"), $"-D {dir}/data -U {Role} -A trust -E UTF8 --no-locale --no-sync", asRoot);
            var settings = $"-c listen_addresses=127.0.0.1 -p {_port} -k {dir} -c fsync=off -c synchronous_commit=off " +
                "-c full_page_writes=off -c max_connections=300 -c shared_buffers=32MB";
            await RunAsync(_pgCtl, $"start -w -t 60 -D {dir}/data -l {dir}/server.log -o \"{settings}\"", asRoot);
            _dataDir = dir;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Where initdb and pg_ctl are looked for: FORUM_PG_BIN, Debian's versioned directories (newest first), PATH.</summary>
    internal static IEnumerable<string> SearchPath()
    {
        if (Environment.GetEnvironmentVariable("FORUM_PG_BIN") is { Length: > 0 } fromEnv) yield return fromEnv;
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                yield return Path.Combine(dir, "bin");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return dir;
    }

    internal static string? FindBinaries(IEnumerable<string> directories) =>
        directories.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));

    internal static InvalidOperationException MissingBinaries() => new(
        $"The PostgreSQL tests need the server binaries (initdb, pg_ctl) and none were found: install them with `{InstallHint}` " +
        "(Debian/Ubuntu; they land in /usr/lib/postgresql/<version>/bin), or point FORUM_PG_BIN at a directory holding them.");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asRoot)
    {
        var start = asRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await errors}{await output}");
    }

    private void Stop()
    {
        var (dir, pgCtl) = (_dataDir, _pgCtl);
        if (dir is null || pgCtl is null) return;
        _dataDir = null;
        try
        {
            RunAsync(pgCtl, $"stop -m immediate -w -D {dir}/data", Environment.UserName == "root").GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Stop();
        return ValueTask.CompletedTask;
    }
}
