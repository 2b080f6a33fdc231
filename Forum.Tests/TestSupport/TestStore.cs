using Forum.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.TestSupport;

/// <summary>Where a <see cref="TestDatabase"/> keeps its rows: a private SQLite file or a private PostgreSQL database.</summary>
public abstract class TestStore : IAsyncDisposable
{
    public abstract DataProvider Provider { get; }
    public abstract string ConnectionString { get; }

    /// <summary>The app's own provider set-up (migration set, interceptors) for this store.</summary>
    public abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options);

    /// <summary>Takes the write lock another request would hold (readers go on, writers wait) until disposed.</summary>
    public abstract Task<IAsyncDisposable> HoldWriteLockAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static async Task<TestStore> CreateAsync(DataProvider provider) => provider switch
    {
        DataProvider.Postgres => await Postgres.PostgresTestStore.CreateAsync(),
        _ => new SqliteTestStore(),
    };
}

/// <summary>A file rather than an in-memory database so that concurrent writers take real locks; deleted on dispose.</summary>
public sealed class SqliteTestStore : TestStore
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"forum-tests-{Guid.NewGuid():N}.db");

    public SqliteTestStore() => ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override DataProvider Provider => DataProvider.Sqlite;
    public override string ConnectionString { get; }

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => DataExtensions.UseForumSqlite(options, ConnectionString);

    public override async Task<IAsyncDisposable> HoldWriteLockAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(ct);
        }
        return new WriteLock(connection);
    }

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        return ValueTask.CompletedTask;
    }

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
