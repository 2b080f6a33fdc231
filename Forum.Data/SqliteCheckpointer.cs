using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data;

/// <summary>
/// Moves SQLite's write-ahead log into the database file off the request path. By default SQLite checkpoints inside the
/// commit that takes the log past 1,000 pages, so that one writer (a chat sender, a commenter) waits for the copy and its
/// fsync: the write's p99. The app's connections turn that off (<c>wal_autocheckpoint = 0</c>, see
/// <see cref="DataExtensions.UseForumSqlite"/>) and this service checkpoints every <see cref="Every"/> instead, PASSIVE (it
/// never waits for readers or writers, and copies what no open read still needs). The log starts over at the first write
/// after a checkpoint that caught up with it; under writes that never pause a PASSIVE run never quite catches up, so
/// past <see cref="RestartFrames"/> a RESTART run makes writers wait for it once and the log starts over. A run with
/// nothing new costs one small statement.
/// </summary>
public sealed class SqliteCheckpointer(
    IDbContextFactory<ForumDbContext> dbFactory, IOptions<ForumDataOptions> options, ILogger<SqliteCheckpointer> log, TimeProvider clock)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Frames (pages) in the log past which writers wait for one checkpoint: 4 × SQLite's own mark, ≈ 16 MB.</summary>
    public const long RestartFrames = 4_000;

    /// <summary>Checkpoints run so far (for tests and the benchmark).</summary>
    public int Runs => Volatile.Read(ref _runs);

    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off (Forum:Data:BackgroundCheckpoints false): the connections checkpoint as SQLite does by default.
        // On PostgreSQL there is no SQLite log to move.
        if (!options.Value.BackgroundCheckpoints || options.Value.Provider != DataProvider.Sqlite) return;
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckpointAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One PASSIVE checkpoint, and a RESTART one when the log is past <see cref="RestartFrames"/>: (frames in the log, frames
    /// now in the database file) after the last, or null when it could not run.
    /// </summary>
    public async Task<(long Log, long Checkpointed)?> CheckpointAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!db.Database.IsSqlite()) return null;
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            var result = await RunAsync(connection, "PASSIVE", ct);
            if (result?.Log > RestartFrames) result = await RunAsync(connection, "RESTART", ct);
            Interlocked.Increment(ref _runs);
            return result;
        }
        catch (SqliteException ex)
        {
            // Another checkpoint at the same moment (a last connection closing) is SQLITE_BUSY: the next tick catches up.
            log.LogDebug(ex, "WAL checkpoint skipped");
            return null;
        }
    }

    private static async Task<(long Log, long Checkpointed)?> RunAsync(System.Data.Common.DbConnection connection, string mode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(1), reader.GetInt64(2)) : null;
    }
}
