using Forum.Data.Realtime;
using Forum.Data.Sessions;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Data.Sessions;

public class SessionServiceTests : DatabaseTest
{
    private static readonly UserSessionOptions Defaults = new();

    private SessionService Sessions => new(Db.Factory, Db.Clock, Db.Bus, Options.Create(Defaults), NullLogger<SessionService>.Instance);

    private async Task<(string User, string Session)> SignedInAsync(string name = "Alice", string session = "s-1")
    {
        var user = await Db.AddUserAsync(name);
        await Sessions.StartAsync(new NewSession(session, user, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"), Ct);
        return (user, session);
    }

    private Task<UserSession> RowAsync(string id) => Db.QueryAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.Id == id, Ct));

    [Fact]
    public async Task IsLive_StartedSession_IsLiveForItsMemberOnly()
    {
        var (alice, session) = await SignedInAsync();
        var bob = await Db.AddUserAsync("Bob");

        Assert.True(await Sessions.IsLiveAsync(session, alice, Ct));
        Assert.False(await Sessions.IsLiveAsync(session, bob, Ct));
        Assert.False(await Sessions.IsLiveAsync("unknown", alice, Ct));
        Assert.False(await Sessions.IsLiveAsync(null, alice, Ct));
    }

    [Fact]
    public async Task Revoke_OwnSession_EndsItAndTellsItsCircuits()
    {
        var (alice, session) = await SignedInAsync();

        Assert.True(await Sessions.RevokeAsync(alice, session, Ct));

        Assert.False(await Sessions.IsLiveAsync(session, alice, Ct));
        Assert.Equal([new SignedOut(alice, session)], Db.Bus.EventsOn<SignedOut>(Topics.User(alice)));
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, (await RowAsync(session)).RevokedAt);
    }

    [Fact]
    public async Task Revoke_AnotherMembersSession_ChangesNothing()
    {
        var (alice, session) = await SignedInAsync();
        var mallory = await Db.AddUserAsync("Mallory");

        Assert.False(await Sessions.RevokeAsync(mallory, session, Ct));

        Assert.True(await Sessions.IsLiveAsync(session, alice, Ct));
        Assert.Empty(Db.Bus.EventsOn<SignedOut>(Topics.User(alice)));
        Assert.Empty(Db.Bus.EventsOn<SignedOut>(Topics.User(mallory)));
    }

    [Fact]
    public async Task PurgeEnded_EveryMembersEndedSessions_Go_LiveOnesStay()
    {
        var (alice, live) = await SignedInAsync("Alice", "live");
        var (bob, revoked) = await SignedInAsync("Bob", "revoked");
        await Sessions.RevokeAsync(bob, revoked, Ct);
        var carol = await Db.AddUserAsync("Carol");
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        await Sessions.StartAsync(new NewSession("short", carol, null, now + TimeSpan.FromMinutes(5)), Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(2, await Sessions.PurgeEndedAsync(Ct));

        var left = await Db.QueryAsync(db => db.UserSessions.Select(s => s.Id).ToListAsync(Ct));
        Assert.Equal([live], left);
        Assert.True(await Sessions.IsLiveAsync(live, alice, Ct));
        Assert.False(await Sessions.IsLiveAsync(revoked, bob, Ct)); // a missing row reads as not live
        Assert.Equal(0, await Sessions.PurgeEndedAsync(Ct));
    }

    [Fact]
    public async Task IsLive_AfterTheLifetime_IsOver()
    {
        var (alice, session) = await SignedInAsync();

        Db.Clock.Advance(Defaults.Lifetime + TimeSpan.FromSeconds(1));

        Assert.False(await Sessions.IsLiveAsync(session, alice, Ct));
    }

    [Fact]
    public async Task IsLive_WritesLastSeenOncePerIntervalAndSlidesTheExpiry()
    {
        var (alice, session) = await SignedInAsync();
        var started = Db.Clock.GetUtcNow().UtcDateTime;

        Db.Clock.Advance(Defaults.TouchInterval - TimeSpan.FromSeconds(1));
        await Sessions.IsLiveAsync(session, alice, Ct);
        Assert.Equal(started, (await RowAsync(session)).LastSeenAt); // a read stays a read

        Db.Clock.Advance(TimeSpan.FromSeconds(2));
        await Sessions.IsLiveAsync(session, alice, Ct);
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        var row = await RowAsync(session);
        Assert.Equal(now, row.LastSeenAt);
        Assert.Equal(now + Defaults.Lifetime, row.ExpiresAt);

        // Active members stay signed in past the first lifetime.
        Db.Clock.Advance(Defaults.Lifetime - TimeSpan.FromMinutes(1));
        Assert.True(await Sessions.IsLiveAsync(session, alice, Ct));
    }

    [Fact]
    public async Task RevokeAll_EndsEveryOwnSessionChangesTheStampAndPublishesOnce()
    {
        var (alice, laptop) = await SignedInAsync();
        await Sessions.StartAsync(new NewSession("s-2", alice, null), Ct);
        var (bob, bobSession) = await SignedInAsync("Bob", "s-3");
        var stamp = await Db.QueryAsync(db => db.Users.Where(u => u.Id == alice).Select(u => u.SecurityStamp).SingleAsync(Ct));

        await Sessions.RevokeAllAsync(alice, Ct);

        Assert.False(await Sessions.IsLiveAsync(laptop, alice, Ct));
        Assert.False(await Sessions.IsLiveAsync("s-2", alice, Ct));
        Assert.True(await Sessions.IsLiveAsync(bobSession, bob, Ct));
        Assert.NotEqual(stamp, await Db.QueryAsync(db => db.Users.Where(u => u.Id == alice).Select(u => u.SecurityStamp).SingleAsync(Ct)));
        Assert.Equal([new SignedOut(alice, null)], Db.Bus.EventsOn<SignedOut>(Topics.User(alice)));
    }

    [Fact]
    public async Task List_ShowsLiveSessionsMostRecentFirst()
    {
        var (alice, first) = await SignedInAsync();
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await Sessions.StartAsync(new NewSession("s-2", alice, null), Ct);
        await Sessions.StartAsync(new NewSession("s-3", alice, null), Ct);
        await Sessions.RevokeAsync(alice, "s-3", Ct);
        Db.Clock.Advance(Defaults.TouchInterval);
        await Sessions.IsLiveAsync(first, alice, Ct); // the laptop is used again

        var list = await Sessions.ListAsync(alice, Ct);

        Assert.Equal([first, "s-2"], list.Select(s => s.Id));
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", list[0].UserAgent);
    }

    [Fact]
    public async Task Start_DropsTheMembersEndedSessionsAndShortensTheUserAgent()
    {
        var (alice, old) = await SignedInAsync();
        await Sessions.RevokeAsync(alice, old, Ct);

        await Sessions.StartAsync(new NewSession("s-2", alice, new string('x', 500)), Ct);

        var rows = await Db.QueryAsync(db => db.UserSessions.AsNoTracking().Where(s => s.UserId == alice).ToListAsync(Ct));
        Assert.Equal("s-2", Assert.Single(rows).Id);
        Assert.Equal(UserSession.UserAgentMax, rows[0].UserAgent!.Length);
    }
}
