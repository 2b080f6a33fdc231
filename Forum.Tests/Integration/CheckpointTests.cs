using Forum.Data;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forum.Tests.Integration;

/// <summary>
/// The app's connections leave WAL checkpoints to its background checkpointer, which runs every second; ended sessions
/// are swept by the session sweeper.
/// </summary>
public sealed class CheckpointTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    [Fact]
    public async Task App_ConnectionsNeverCheckpoint_AndTheCheckpointerRuns()
    {
        await using var db = await app.Get<IDbContextFactory<ForumDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        var autocheckpoint = Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        var checkpointer = app.Services.GetServices<IHostedService>().OfType<SqliteCheckpointer>().Single();

        Assert.Equal(0, autocheckpoint);
        await Eventually.TrueAsync(() => checkpointer.Runs > 0, "a background checkpoint", timeoutMs: 10_000);
    }

    [Fact]
    public void App_RunsTheSessionSweeper() =>
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<Forum.Data.Sessions.SessionSweeper>());
}
