using Forum.Data;
using Forum.Data.Chat;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Data.Chat;

/// <summary>The in-memory flood rules on their own: the window slides, places are separate, idle members are forgotten.</summary>
public sealed class ChatLimiterTests
{
    private readonly ManualClock _clock = new();
    private readonly ChatLimiter _limiter;

    public ChatLimiterTests() => _limiter = new ChatLimiter(Options.Create(new ChatOptions()), _clock);

    [Fact]
    public void Admit_WindowSlides_OneSlotFreesAsTheOldestSendAges()
    {
        for (var i = 0; i < 5; i++)
        {
            _limiter.Admit("alice", "lobby", $"m{i}", null);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        // t = 5 s: the send at t = 0 has left the window, the one at t = 1 s has not.
        _limiter.Admit("alice", "lobby", "m5", null);

        var ex = Assert.Throws<ForumException>(() => _limiter.Admit("alice", "lobby", "m6", null));
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
    }

    [Fact]
    public void Admit_RefusedSend_IsNotCounted()
    {
        for (var i = 0; i < 5; i++) _limiter.Admit("alice", "lobby", $"m{i}", null);
        for (var i = 0; i < 10; i++) Assert.Throws<ForumException>(() => _limiter.Admit("alice", "lobby", $"x{i}", null));

        _clock.Advance(TimeSpan.FromSeconds(5));

        for (var i = 0; i < 5; i++) _limiter.Admit("alice", "lobby", $"y{i}", null);
    }

    [Fact]
    public void Admit_DuplicateText_IsPerPlaceAndExactAfterCleaning()
    {
        _limiter.Admit("alice", "lobby", "Hello", null);

        _limiter.Admit("alice", "movie-1", "Hello", null);
        _limiter.Admit("alice", "lobby", "hello", null);
        Assert.Throws<ForumException>(() => _limiter.Admit("alice", "lobby", "Hello", null));
    }

    [Fact]
    public void Admit_ManyMembersGoIdle_TheyAreForgotten()
    {
        for (var i = 0; i < 2_000; i++) _limiter.Admit($"member-{i}", "lobby", "hi", null);
        _clock.Advance(TimeSpan.FromSeconds(11));

        for (var i = 0; i < 1_100; i++) _limiter.Admit($"late-{i}", "lobby", "hi", null);

        Assert.Equal(1_100, _limiter.Tracked); // the 2,000 idle ones went in the sweep at the 2,048th send

    }

    [Fact]
    public async Task Admit_ConcurrentSendsOfOneMember_AdmitExactlyTheLimit()
    {
        var admitted = 0;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            try
            {
                _limiter.Admit("alice", "lobby", $"m{i}", null);
                Interlocked.Increment(ref admitted);
            }
            catch (ForumException)
            {
            }
        }, Xunit.TestContext.Current.CancellationToken)));

        Assert.Equal(5, admitted);
    }
}
