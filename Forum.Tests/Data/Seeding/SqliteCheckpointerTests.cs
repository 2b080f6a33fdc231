using Forum.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Seeding;

/// <summary>
/// With background checkpoints no commit copies the WAL into the database file (the log grows past SQLite's 1,000-page
/// mark untouched) and <see cref="SqliteCheckpointer"/> does it; without them SQLite checkpoints inside the commits.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BackgroundCheckpoints_CommitsLeaveTheLogToTheCheckpointer()
    {
        await using var file = await WalFile.WriteAsync(backgroundCheckpoints: true);

        var walBefore = file.WalBytes;
        var run = await file.Services.GetRequiredService<SqliteCheckpointer>().CheckpointAsync(Ct);

        Assert.True(walBefore > 1_500 * 4096L, $"The log was checkpointed by a commit: {walBefore:N0} bytes");
        Assert.NotNull(run);
        Assert.True(run.Value.Log >= 1_500, $"{run.Value.Log} frames in the log");
        Assert.Equal(run.Value.Log, run.Value.Checkpointed);
    }

    [Fact]
    public async Task BackgroundCheckpoints_ALogPastTheRestartMark_StartsOverAtTheNextWrite()
    {
        await using var file = await WalFile.WriteAsync(backgroundCheckpoints: true, commits: (int)SqliteCheckpointer.RestartFrames + 100);
        var checkpointer = file.Services.GetRequiredService<SqliteCheckpointer>();

        var run = await checkpointer.CheckpointAsync(Ct);
        await file.CommitAsync();
        var after = await checkpointer.CheckpointAsync(Ct);

        Assert.Equal(run!.Value.Log, run.Value.Checkpointed);
        Assert.True(after!.Value.Log < 10, $"{after.Value.Log} frames in the log after the next write");
    }

    [Fact]
    public async Task DefaultCheckpoints_ACommitCheckpointsOnceTheLogPassesAThousandPages()
    {
        await using var file = await WalFile.WriteAsync(backgroundCheckpoints: false);

        Assert.True(file.WalBytes < 1_100 * 4096L + 32, $"{file.WalBytes:N0} bytes of log");
    }

    /// <summary>A fresh WAL database through the app's DbContext wiring, and commits of a page each (1,600 by default).</summary>
    private sealed class WalFile : IAsyncDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"forum-wal-{Guid.NewGuid():N}.db");
        // Held open outside the pool: other tests' SqliteConnection.ClearAllPools() closes this file's pooled connections,
        // and SQLite checkpoints the log when the last connection to a file closes, which would empty it under the test.
        private SqliteConnection _keeper = null!;

        public ServiceProvider Services { get; private set; } = null!;
        public long WalBytes => new FileInfo(_path + "-wal").Length;

        public static async Task<WalFile> WriteAsync(bool backgroundCheckpoints, int commits = 1_600)
        {
            var file = new WalFile();
            var cs = $"Data Source={file._path}";
            // AddForumServices as every host: EF shares one model between contexts configured alike, and the Identity
            // schema version is part of it (without it this test would hand the app a model missing the passkeys table).
            file.Services = new ServiceCollection().AddLogging()
                .AddDbContextFactory<ForumDbContext>(o => DataExtensions.UseForumSqlite(o, cs, backgroundCheckpoints))
                .AddForumServices().AddSingleton<SqliteCheckpointer>().BuildServiceProvider();
            var factory = file.Services.GetRequiredService<IDbContextFactory<ForumDbContext>>();
            await using (var db = await factory.CreateDbContextAsync(Ct))
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL; CREATE TABLE Pages (Bytes BLOB);", Ct);
            }
            file._keeper = new SqliteConnection(cs + ";Pooling=False");
            await file._keeper.OpenAsync(Ct);
            // SQLite opens the file lazily: only after a first read does a WAL connection hold the shared lock that makes
            // a closing pooled connection see it is not the last one (without this read the log vanished mid-run).
            await using (var read = file._keeper.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM sqlite_master;";
                await read.ExecuteScalarAsync(Ct);
            }
            for (var i = 0; i < commits; i++)
            {
                await file.CommitAsync();
                // Other tests clear every pool at any moment; do it here on purpose so the keeper is proven to hold.
                if (i % 100 == 50) SqliteConnection.ClearAllPools();
            }
            return file;
        }

        public async Task CommitAsync()
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<ForumDbContext>>().CreateDbContextAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Pages VALUES (randomblob(3000));", Ct);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await _keeper.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
        }
    }
}
