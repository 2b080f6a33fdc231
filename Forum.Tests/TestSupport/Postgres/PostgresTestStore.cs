using Forum.Data;
using Forum.Data.Providers;
using Forum.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Forum.Tests.TestSupport.Postgres;

/// <summary>
/// A private database on the run's <see cref="PostgresCluster"/>: copied from a template that the app's start-up path
/// migrated once, and handed back emptied (rows deleted, identities restarted) for the next test to reuse. A copy costs
/// ≈ 0.7 s on a busy 2-core machine, emptying ≈ 10 ms, so a run makes about as many databases as tests run at once.
/// </summary>
public sealed class PostgresTestStore : TestStore
{
    private const string Template = "forum_template";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentBag<(string Name, string ConnectionString)> Clean = [];
    private static bool _templateReady;
    private static string? _emptyAll;
    private readonly string _name;
    private readonly bool _reusable;

    private PostgresTestStore(string name, string connectionString, bool reusable) =>
        (_name, ConnectionString, _reusable) = (name, connectionString, reusable);

    public override DataProvider Provider => DataProvider.Postgres;
    public override string ConnectionString { get; }

    /// <summary>A migrated, empty database (<paramref name="empty"/>: one with no tables at all, for start-up tests).</summary>
    public static async Task<PostgresTestStore> CreateAsync(bool empty = false)
    {
        var cluster = PostgresCluster.Shared;
        if (!empty && Clean.TryTake(out var reused)) return new PostgresTestStore(reused.Name, reused.ConnectionString, reusable: true);
        if (!empty) await EnsureTemplateAsync(cluster);
        var name = $"forum_test_{Guid.NewGuid():N}";
        await cluster.ExecuteAsync($"CREATE DATABASE {name}" + (empty ? "" : $" TEMPLATE {Template}"));
        return new PostgresTestStore(name, await cluster.ConnectionStringAsync(name), reusable: !empty);
    }

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => PostgresProvider.UseForumPostgres(options, ConnectionString);

    /// <summary>EXCLUSIVE on every table: reads go on, every write waits, as behind SQLite's BEGIN IMMEDIATE.</summary>
    public override async Task<IAsyncDisposable> HoldWriteLockAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        var tx = await connection.BeginTransactionAsync(ct);
        await using var lockAll = new NpgsqlCommand("""
            DO $$ DECLARE t text; BEGIN
              FOR t IN SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' LOOP
                EXECUTE 'LOCK TABLE ' || t || ' IN EXCLUSIVE MODE';
              END LOOP;
            END $$;
            """, connection, tx);
        await lockAll.ExecuteNonQueryAsync(ct);
        return new WriteLock(connection, tx);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_reusable && await TryEmptyAsync())
        {
            Clean.Add((_name, ConnectionString));
            return;
        }
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        await PostgresCluster.Shared.ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    /// <summary>Deletes every row but the migration history and restarts every identity, as a fresh copy would be.</summary>
    private async Task<bool> TryEmptyAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            _emptyAll ??= await ScalarAsync(connection, """
                SELECT 'SET LOCAL session_replication_role = replica; ' ||
                  (SELECT string_agg('DELETE FROM ' || quote_ident(tablename), '; ') FROM pg_tables
                   WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory') || '; ' ||
                  coalesce((SELECT string_agg(format('SELECT setval(%L, 1, false)', quote_ident(sequencename)), '; ')
                   FROM pg_sequences WHERE schemaname = 'public'), '')
                """);
            await using var tx = await connection.BeginTransactionAsync();
            await using (var empty = new NpgsqlCommand(_emptyAll, connection, tx)) await empty.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false; // a test that broke its database: drop it instead
        }
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task EnsureTemplateAsync(PostgresCluster cluster)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_templateReady) return;
            await cluster.ExecuteAsync($"CREATE DATABASE {Template}");
            var connectionString = await cluster.ConnectionStringAsync(Template);
            var services = new ServiceCollection().AddLogging()
                .Configure<ForumDataOptions>(o => (o.Provider, o.SeedDemoData) = (DataProvider.Postgres, false))
                .AddDbContextFactory<ForumDbContext>(o => PostgresProvider.UseForumPostgres(o, connectionString))
                .AddForumServices();
            await using (var provider = services.BuildServiceProvider()) await provider.PrepareForumDatabaseAsync();
            // CREATE DATABASE … TEMPLATE refuses a source with open sessions: close the pooled ones.
            using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
            _templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private sealed class WriteLock(NpgsqlConnection connection, NpgsqlTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
