using Forum.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data.Seeding;

public static class DatabaseSetup
{
    /// <summary>
    /// Applies pending migrations, turns on WAL (SQLite), and seeds demo data into an empty database. Nodes starting
    /// together on one PostgreSQL database migrate it once and seed it once (an advisory lock around each).
    /// </summary>
    public static async Task PrepareForumDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ForumDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await PostgresProvider.EnsureDatabaseAsync(db, ct);
            await StaleMigrationLock.ClearAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), logger, ct);
            // One node migrates at a time: EF Core's own lock is held per migration's transaction, so with two pending
            // migrations a node that read the list before another node finished would apply the second one again.
            await using (await PostgresProvider.HoldSeedLockAsync(db, ct))
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0) logger.LogInformation("Applying migrations: {Migrations}", string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
        if (scope.ServiceProvider.GetRequiredService<IOptions<ForumDataOptions>>().Value.SeedDemoData)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using (await PostgresProvider.HoldSeedLockAsync(db, ct))
                await DemoSeeder.SeedAsync(scope.ServiceProvider, logger, ct);
        }
        // Every start, demo data or not: the role rows and the configured first admin.
        await Moderation.ModerationSetup.PrepareModerationAsync(scope.ServiceProvider, logger, ct);
    }
}
