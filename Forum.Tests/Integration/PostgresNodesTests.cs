using System.Net;
using Forum.Data;
using Forum.Data.Seeding;
using Forum.Tests.TestSupport;
using Forum.Tests.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Integration;

/// <summary>Several app nodes on one PostgreSQL database: the first start, and the cookie one node issues.</summary>
public sealed class PostgresNodesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_TwoNodesAtOnceOnAnEmptyDatabase_MigrateAndSeedItExactlyOnce()
    {
        await using var store = await PostgresTestStore.CreateAsync(empty: true);
        await using var a = new PostgresAppFactory(store.ConnectionString);
        await using var b = new PostgresAppFactory(store.ConnectionString);

        // Program.cs migrates and seeds before the host answers: building both hosts at once races the two start-ups.
        await Task.WhenAll(Task.Run(() => a.Services, Ct), Task.Run(() => b.Services, Ct));

        await using var db = await a.Get<IDbContextFactory<ForumDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(DemoSeeder.Members.Length + DemoSeeder.Staff.Length, await db.Users.CountAsync(Ct));
        Assert.Equal(DemoMovies.All.Count, await db.Posts.CountAsync(Ct));
        var talk = DemoMovies.All.Sum(m => DemoTalk.For(m.Title).Sum(c => 1 + c.Replies.Length));
        Assert.Equal(talk, await db.Comments.CountAsync(Ct));
        // Both nodes serve the one forum.
        Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Cookie_IssuedByOneNode_IsHonouredByAnother()
    {
        await using var store = await PostgresTestStore.CreateAsync(empty: true);
        await using var a = new PostgresAppFactory(store.ConnectionString);
        await using var b = new PostgresAppFactory(store.ConnectionString);
        _ = a.Services; // the first node migrates, seeds and writes the key ring
        var (_, cookie) = await a.SignInAsync("alice", DemoSeeder.Password);

        Assert.Equal(HttpStatusCode.Redirect, (await b.NoRedirectClient().GetAsync("/messages", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.ReplayClient(cookie).GetAsync("/messages", Ct)).StatusCode);
        await using var db = await b.Get<IDbContextFactory<ForumDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM \"DataProtectionKeys\"").SingleAsync(Ct));
    }
}
