using Forum.App.Features.Api.Tokens;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.Tests.Realtime;

/// <summary>
/// A token's stamp check reads the database once per member and minute, and never answers from a stamp that a
/// sign-out everywhere, a lost bus or a minute has made doubtful.
/// </summary>
public sealed class StampCacheTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InProcessNotificationBus _bus = new(NullLogger<InProcessNotificationBus>.Instance);
    private readonly ManualClock _clock = new();
    private readonly StampCache _cache;
    private string _stamp = "first";
    private int _reads;

    public StampCacheTests() => _cache = new StampCache(_bus, _clock);

    public void Dispose() => _cache.Dispose();

    private Task<string?> GetAsync(string userId = "u1") => _cache.GetAsync(userId, _ =>
    {
        _reads++;
        return Task.FromResult<string?>(_stamp);
    }, Ct);

    [Fact]
    public async Task RepeatedChecks_ReadTheDatabaseOnce()
    {
        Assert.Equal("first", await GetAsync());
        _stamp = "changed behind the cache's back";
        Assert.Equal("first", await GetAsync());
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task SignOutEverywhere_IsForgottenBeforeThePublishReturns()
    {
        await GetAsync();
        _stamp = "second";

        // No waiting: the revoking request's next call must already be refused.
        await _bus.PublishAsync(Topics.User("u1"), new SignedOut("u1", SessionId: null));

        Assert.Equal("second", await GetAsync());
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task OneSessionsSignOut_OrAnotherMembersEvents_KeepTheEntry()
    {
        await GetAsync();
        await _bus.PublishAsync(Topics.User("u1"), new SignedOut("u1", SessionId: "one-tab"));
        await _bus.PublishAsync(Topics.User("u2"), new SignedOut("u2", SessionId: null));
        await _bus.PublishAsync(Topics.User("u1"), new UnreadChanged("u1", 3, 7));

        await GetAsync();
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task AfterAMinute_OrAfterTheBusLostEvents_TheStampIsReadAgain()
    {
        await GetAsync();
        _clock.Advance(StampCache.Lifetime);
        await GetAsync();
        Assert.Equal(2, _reads);

        _bus.PublishMissedToAll();
        await Eventually.TrueAsync(() => GetAsync().Result == _stamp && _reads == 3, "the stamp is read again after EventsMissed");
    }

    [Fact]
    public async Task ASignOutDuringTheRead_IsNotCachedOver()
    {
        await _cache.GetAsync("u1", async _ =>
        {
            // The revoke commits and publishes while the old stamp is in flight from the database.
            await _bus.PublishAsync(Topics.User("u1"), new SignedOut("u1", SessionId: null));
            _reads++;
            return "old";
        }, Ct);

        Assert.Equal("first", await GetAsync());
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task WhileTheBusBetweenNodesIsDown_EveryCheckReadsTheDatabase()
    {
        var bus = new RecordingBus { Connected = false };
        using var cache = new StampCache(bus, _clock);
        Task<string?> Get() => cache.GetAsync("u1", _ => Task.FromResult<string?>($"read {++_reads}"), Ct);

        Assert.Equal(("read 1", "read 2"), (await Get(), await Get()));
        bus.Connected = true;
        Assert.Equal(("read 3", "read 3"), (await Get(), await Get()));
    }

    [Fact]
    public async Task EntriesNoOneAsksFor_AreLetGoWithTheirSubscriptions()
    {
        await GetAsync("u1");
        _clock.Advance(StampCache.Lifetime * 2);
        await GetAsync("u2");

        Assert.Equal(1, _cache.Count);
        Assert.Equal(0, _bus.SubscriberCount(Topics.User("u1")));
    }
}
