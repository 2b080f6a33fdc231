using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Chat;

/// <summary>The rate limit, the duplicate-text rule and request ids, with the default settings (5 per 5 s, 10 s).</summary>
public class ChatFloodRulesTests : ChatTest
{
    protected override bool RelaxFloodRules => false;

    [Fact]
    public async Task SendAsync_SixthMessageWithinFiveSeconds_RefusedUntilTheWindowMoves()
    {
        await ArrangeMembersAsync();
        for (var i = 0; i < 5; i++)
        {
            await SayAsync(Alice, $"Message {i}", i % 2 == 0 ? ChatRooms.Lobby : MovieRoom);
            Db.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var ex = await Assert.ThrowsAsync<ForumException>(() => WhisperAsync(Alice, Bob, "One too many"));

        Assert.Equal(ForumErrorKind.RateLimited, ex.Kind);
        Assert.Equal("You are sending messages too fast (at most 5 in 5 seconds): wait 3 seconds and try again.", ex.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(2_500), ex.RetryAfter);
        Assert.Equal(5, await StoredMessagesAsync());
        await SayAsync(Bob, "Others are not limited by Alice");

        Db.Clock.Advance(TimeSpan.FromMilliseconds(2_500));
        await WhisperAsync(Alice, Bob, "Now it goes through");
        Assert.Equal(7, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_SameTextAgainWithinTenSeconds_RefusedThenAllowed()
    {
        await ArrangeMembersAsync();
        await SayAsync(Alice, "Anyone watching Heat tonight?");
        Db.Clock.Advance(TimeSpan.FromSeconds(6));

        var ex = await Assert.ThrowsAsync<ForumException>(() => SayAsync(Alice, "  Anyone watching Heat tonight?"));
        await SayAsync(Alice, "Anyone watching Heat tonight?", MovieRoom); // another room is another place
        await SayAsync(Bob, "Anyone watching Heat tonight?");             // and another member another sender

        Assert.Equal((ForumErrorKind.RateLimited, TimeSpan.FromSeconds(4)), (ex.Kind, ex.RetryAfter));
        Assert.Equal("You sent that same message a moment ago; wait 4 seconds before sending it again.", ex.Message);
        Db.Clock.Advance(TimeSpan.FromSeconds(4));
        await SayAsync(Alice, "Anyone watching Heat tonight?");
        Assert.Equal(4, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_SameRequestIdAgain_ReturnsTheFirstMessageAndStoresNothingNew()
    {
        await ArrangeMembersAsync();
        var draft = Guid.NewGuid();
        var first = await Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, "Sent once", draft, Ct);

        // A resend is neither a duplicate nor another message toward the rate limit.
        var again = await Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, "Sent once", draft, Ct);
        for (var i = 0; i < 4; i++) await SayAsync(Alice, $"Then {i}");

        Assert.Equal(first, again);
        Assert.Equal(5, await StoredMessagesAsync());
        Assert.Equal(5, Db.Bus.EventsOn<ChatPosted>(Topics.Room(ChatRooms.Lobby)).Count);
    }

    [Fact]
    public async Task SendDirectAsync_SameRequestIdAfterTheWindows_StillReturnsTheFirst()
    {
        await ArrangeMembersAsync();
        var draft = Guid.NewGuid();
        var first = await Db.Chat.SendDirectAsync(Alice.Id, Bob.UserName, "Private, once", draft, Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(10));

        var again = await Db.Chat.SendDirectAsync(Alice.Id, Bob.UserName, "Private, once", draft, Ct);

        Assert.Equal(first, again);
        Assert.Equal(Bob.Id, again.To?.Id);
        Assert.Equal(1, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_SameRequestIdConcurrently_StoresOneMessage()
    {
        await ArrangeMembersAsync();
        var draft = Guid.NewGuid();

        Task<ChatMessageView>[] sends;
        await using (await Db.HoldWriteLockAsync())
        {
            // Every send finds no stored draft and queues for the write lock; on release they insert one after another.
            sends = [.. Enumerable.Range(0, 4).Select(i => Task.Run(() => i % 2 == 0
                ? Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, "Double click", draft, Ct)
                : Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, $"@{Bob.UserName} Double click", draft, Ct), Ct))];
            await Task.Delay(TimeSpan.FromMilliseconds(400), Ct);
        }
        var results = await Task.WhenAll(sends);

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_ConfiguredLimits_AreTheOnesApplied()
    {
        await using var db = await TestSupport.TestDatabase.CreateAsync(Ct, configure: s =>
            s.Configure<ChatOptions>(o => (o.MessagesPerWindow, o.WindowSeconds, o.DuplicateSeconds) = (2, 60, 0)));
        var alice = await db.AddUserAsync("Alice");

        await db.Chat.SendAsync(alice, ChatRooms.Lobby, "Same", ct: Ct);
        await db.Chat.SendAsync(alice, ChatRooms.Lobby, "Same", ct: Ct); // duplicates allowed when DuplicateSeconds is 0
        db.Clock.Advance(TimeSpan.FromSeconds(59));
        var ex = await Assert.ThrowsAsync<ForumException>(() => db.Chat.SendAsync(alice, ChatRooms.Lobby, "Third", ct: Ct));

        Assert.Equal("You are sending messages too fast (at most 2 in 60 seconds): wait 1 second and try again.", ex.Message);
    }

    [Theory]
    [InlineData(0, 5, 10, 50)]
    [InlineData(5, 0, 10, 50)]
    [InlineData(5, 5, -1, 50)]
    [InlineData(5, 5, 10, 0)]
    [InlineData(5, 5, 10, 201)]
    public void ChatOptions_OutOfRange_HaveAProblem(int perWindow, int window, int duplicate, int page)
    {
        var options = new ChatOptions { MessagesPerWindow = perWindow, WindowSeconds = window, DuplicateSeconds = duplicate, HistoryPageSize = page };

        Assert.StartsWith("Forum:Chat:", options.Problem());
        Assert.Null(new ChatOptions().Problem());
    }
}
