using Microsoft.EntityFrameworkCore;
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
