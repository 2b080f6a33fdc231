using Forum.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Seeding;

/// <summary>First start and restarts: a database left half-way by a killed process still starts.</summary>
public sealed class DatabaseSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AfterAProcessDiedHoldingTheMigrationLock_MigratesInsteadOfWaitingForever()
    {
        // What a `kill -9` during the first run's migration leaves: EF's lock row, nothing applied.
        Task PlantStaleLock(string connectionString) => RunAsync(connectionString, """
            CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" VALUES (1, '2020-01-01 00:00:00+00:00');
            """);

        var start = TestDatabase.CreateAsync(Ct, PlantStaleLock);
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30), Ct));

        Assert.Same(start, finished);
        await using var db = await start;
        Assert.Equal(0, await db.QueryAsync(d => d.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync(Ct)));
        Assert.Empty(await db.QueryAsync(d => d.Database.GetPendingMigrationsAsync(Ct)));
    }

    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
