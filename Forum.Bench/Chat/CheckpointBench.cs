using System.Diagnostics;
using Forum.Data;
using Forum.Data.Chat;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench.Chat;

/// <param name="Call">ChatService.SendAsync to the lobby as the sender waits for it.</param>
/// <param name="Over5Ms">Sends that took longer than the 5 ms target.</param>
public sealed record CheckpointResult(string Mode, Stat Call, double P999, int Over5Ms, long WalBytes, int BackgroundRuns);

/// <summary>
/// The sender's call with SQLite's WAL checkpoints in the commit (SQLite's default) and in the background (the app's):
/// two copies of the seeded file, one per mode, and sends that alternate between them (which goes first alternates too),
/// so both modes meet the same moments of a busy machine and the difference is the checkpoints'.
/// </summary>
public static class CheckpointBench
{
    public static async Task<IReadOnlyList<CheckpointResult>> RunAsync(string seededFile, string[] senders, int warmup, int runs)
    {
        // One file of the seed, log folded in, copied per mode.
        await using (var connection = new SqliteConnection($"Data Source={seededFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var files = new[] { seededFile + ".commit.db", seededFile + ".background.db" };
        foreach (var f in files) File.Copy(seededFile, f, overwrite: true);
        try
        {
            await using var commit = ChatCommand.Services($"Data Source={files[0]}", backgroundCheckpoints: false);
            await using var background = ChatCommand.Services($"Data Source={files[1]}", backgroundCheckpoints: true);
            var checkpointer = background.GetRequiredService<SqliteCheckpointer>();
            await checkpointer.StartAsync(CancellationToken.None);
            var modes = new[] { commit.GetRequiredService<ChatService>(), background.GetRequiredService<ChatService>() };
            var samples = new[] { new double[runs], new double[runs] };
            var clock = Stopwatch.StartNew();
            var sent = 0;
            for (var i = -warmup; i < runs; i++)
            {
                for (var k = 0; k < 2; k++)
                {
                    var mode = (i + k) & 1; // which mode goes first alternates
                    var start = Stopwatch.GetTimestamp();
                    await modes[mode].SendAsync(senders[sent % senders.Length], ChatRooms.Lobby, $"Checkpoint bench {sent++}", Guid.NewGuid());
                    if (i >= 0) samples[mode][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
            clock.Stop();
            await checkpointer.StopAsync(CancellationToken.None);
            return [Result("in the commit", samples[0], files[0], clock.Elapsed, 0), Result("background", samples[1], files[1], clock.Elapsed, checkpointer.Runs)];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" })) File.Delete(f);
        }
    }

    private static CheckpointResult Result(string mode, double[] samples, string file, TimeSpan total, int runs)
    {
        var sorted = samples.Order().ToArray();
        var p999 = sorted[Math.Clamp((int)Math.Ceiling(0.999 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var wal = new FileInfo(file + "-wal") is { Exists: true } w ? w.Length : 0;
        return new CheckpointResult(mode, Measure.Summarize($"sender's call, checkpoints {mode}", samples, total), p999, samples.Count(s => s > 5), wal, runs);
    }
}
