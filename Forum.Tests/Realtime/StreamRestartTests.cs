using Forum.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Forum.Tests.Realtime;

/// <summary>Resume reads the notifications table, not memory: it works across a restart of the app.</summary>
public sealed class StreamRestartTests
{
    [Fact]
    public async Task Stream_LastEventIdAfterARestart_SendsWhatWasMissedExactlyOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "forum-tests", "restart-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Forum:Data:Directory"] = directory };
        try
        {
            string token, lastId;
            await using (var before = new LiveAppFactory(settings))
            {
                await before.InitializeAsync();
                var thread = await LiveScenario.CreateAsync(before);
                token = await before.TokenAsync(thread.Owner);
                await using (var stream = await LiveStream.OpenAsync(before.BaseUrl, token))
                {
                    await stream.NextAsync();
                    await thread.CommentAsync("before the restart");
                    lastId = (await stream.NextAsync()).Id!;
                }
                await thread.CommentAsync("missed 1");
                await thread.CommentAsync("missed 2");
            }

            // A new process on the same data directory: same database, same token key.
            await using var after = new LiveAppFactory(settings);
            await after.InitializeAsync();
            await using var resumed = await LiveStream.OpenAsync(after.BaseUrl, token, long.Parse(lastId));

            var first = await resumed.NextAsync();
            var second = await resumed.NextAsync();
            Assert.Equal(["missed 1", "missed 2"], [first.Json.GetProperty("excerpt").GetString(), second.Json.GetProperty("excerpt").GetString()]);
            Assert.True(long.Parse(first.Id!) > long.Parse(lastId) && long.Parse(second.Id!) > long.Parse(first.Id!));
            var count = await resumed.NextAsync();
            Assert.Equal(("message", """{"count":3,"version":3}"""), (count.Event, count.Data));
            await resumed.ExpectQuietAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
