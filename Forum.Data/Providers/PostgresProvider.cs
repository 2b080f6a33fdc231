using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Forum.Data.Providers;

/// <summary>The PostgreSQL side of <see cref="DataExtensions"/>: its migration set and the locks several nodes share.</summary>
public static class PostgresProvider
{
    public const string MigrationsAssembly = "Forum.Migrations.Postgres";
    public const string ConnectionStringName = "Forum";

    /// <summary>Any 64-bit number works as long as every node agrees; this one spells "FORUMSED".</summary>
    private const long SeedLockKey = 0x464F52554D534544;

    public static DbContextOptionsBuilder UseForumPostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            // Moderated posts are filtered everywhere on purpose (as on SQLite); their comments and genres go through the post.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>The connection string for <see cref="DataProvider.Postgres"/>, with a message that says where it goes when missing.</summary>
    public static string RequireConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "Forum:Data:Provider is Postgres but ConnectionStrings:Forum is empty: set it, for example " +
                "ConnectionStrings__Forum=\"Host=127.0.0.1;Port=5432;Database=forum;Username=forum;Password=…\".")
            : connectionString;

    /// <summary>
    /// Creates a missing database and migration history table before anything reads the history: Npgsql finds the
    /// table missing by failing a query, which logs an error on every first start (npgsql/efcore.pg#3407). Two nodes
    /// may both find them missing: the one that loses the race finds them made.
    /// </summary>
    public static async Task EnsureDatabaseAsync(ForumDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.DuplicateTable
                                              or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    /// <summary>
    /// Inside the caller's transaction, waits for any other writer holding <paramref name="key"/> until it commits or
    /// rolls back: a read-then-insert that SQLite's single writer makes safe stays safe under PostgreSQL's read committed.
    /// SQLite write transactions are serial already, so there it does nothing.
    /// </summary>
    internal static async Task LockForWriteAsync(ForumDbContext db, string key, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
    }

    /// <summary>
    /// Holds a session-level advisory lock until disposed, so nodes starting together seed one after the other: the
    /// first fills the empty database, the next finds members and leaves it alone. A node that dies releases it with
    /// its connection. On SQLite (one process per file) there is nothing to hold.
    /// </summary>
    public static async Task<IAsyncDisposable> HoldSeedLockAsync(ForumDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return NoLock.Instance;
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", SeedLockKey);
            await take.ExecuteNonQueryAsync(ct);
            return new SeedLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class SeedLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                release.Parameters.AddWithValue("key", SeedLockKey);
                await release.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
