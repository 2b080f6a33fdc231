using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Seeding;

/// <summary>
/// EF Core keeps its SQLite migration lock as a row in __EFMigrationsLock. A process killed while migrating leaves the
/// row behind, and every later start then waits for it forever. A SQLite file belongs to one app process, so a lock
/// older than <see cref="MaxAge"/> can only be such a leftover: it is removed before migrating.
/// </summary>
internal static class StaleMigrationLock
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public static async Task ClearAsync(ForumDbContext db, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var find = connection.CreateCommand();
            find.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\"";
            string? stamp;
            try
            {
                stamp = (await find.ExecuteScalarAsync(ct)) as string;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return; // no lock table yet: a fresh database
            }
            if (stamp is null) return;
            var age = DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var taken)
                ? clock.GetUtcNow() - taken : TimeSpan.MaxValue;
            if (age < MaxAge) return;
            logger.LogWarning("Removing a migration lock taken at {Taken} by a process that did not finish", stamp);
            await using var clear = connection.CreateCommand();
            clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            await clear.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
