using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>What a send must pass: who sends, the text rule, the room, @names; each refusal says why and stores nothing.</summary>
public class ChatSendRulesTests : ChatTest
{
    [Fact]
    public async Task SendAsync_Visitor_SignInRequiredAndNothingStored()
    {
        await ArrangeMembersAsync();

        var room = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync(null, ChatRooms.Lobby, "Hello", ct: Ct));
        var direct = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendDirectAsync(null, Bob.UserName, "Hello", ct: Ct));

        Assert.Equal((ForumErrorKind.SignInRequired, ForumErrorKind.SignInRequired), (room.Kind, direct.Kind));
        Assert.Contains("Sign in", room.Message);
        Assert.Equal(0, await StoredMessagesAsync());
        Assert.Empty(Db.Bus.Published);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u200B\u200B")]
    [InlineData(null)]
    public async Task SendAsync_NothingVisible_RefusedAsEmpty(string? text)
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, text, ct: Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.StartsWith("The message cannot be empty", ex.Message);
        Assert.Equal(0, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_LengthCountedAsReadersSeeIt_ThousandFitsAndOneMoreIsRefused()
    {
        await ArrangeMembersAsync();
        var thousand = string.Concat(Enumerable.Repeat("👍🏽", ChatRules.TextMax)); // 4 UTF-16 units, one character each

        var stored = await Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, $"  {thousand}\n ", ct: Ct);
        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync(Alice.Id, ChatRooms.Lobby, thousand + "!", ct: Ct));

        Assert.Equal(thousand, stored.Text);
        Assert.Equal("The message is too long (1,001 characters; the limit is 1,000).", ex.Message);
        Assert.Equal(1, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_AtUnknownName_NoMemberCalledThatAndNothingStored()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => SayAsync(Alice, "@nobody hello there"));

        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        Assert.Equal("There is no member called nobody, so nothing was sent.", ex.Message);
        Assert.Equal(0, await StoredMessagesAsync());
        Assert.Empty(Db.Bus.Published);
    }

    [Fact]
    public async Task SendAsync_AtNameWithoutText_AsksForTheMessage()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => SayAsync(Alice, $"@{Bob.UserName}   "));

        Assert.Equal($"Write your message after @{Bob.UserName}.", ex.Message);
        Assert.Equal(0, await StoredMessagesAsync());
    }

    [Fact]
    public async Task SendAsync_AtOneself_Refused()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => SayAsync(Alice, $"@{Alice.UserName} note to self"));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Equal(0, await StoredMessagesAsync());
    }

    [Theory]
    [InlineData("@ hello")]      // a lone @ is not a name
    [InlineData("email me @ 5")]
    [InlineData("hello @bob")]   // only a leading @name is private
    public async Task SendAsync_NoLeadingName_IsARoomMessage(string text)
    {
        await ArrangeMembersAsync();

        var sent = await SayAsync(Alice, text);

        Assert.Equal((ChatRooms.Lobby, text), (sent.Room, sent.Text));
    }

    [Fact]
    public async Task SendAsync_AtNameInAnyCase_ReachesThatMember()
    {
        await ArrangeMembersAsync();

        var sent = await SayAsync(Alice, $"@{Bob.UserName.ToUpperInvariant()}   see you at eight");

        Assert.Equal((null, "see you at eight", Bob.Id), (sent.Room, sent.Text, sent.To?.Id));
    }

    [Fact]
    public async Task SendAsync_Committed_ThenPublishedOnTheRoomTopic()
    {
        await ArrangeMembersAsync();
        var seenInDatabase = new TaskCompletionSource<bool>();
        using var _ = Db.Bus.Subscribe(Topics.Room(ChatRooms.Lobby), async e =>
        {
            if (e is ChatPosted posted)
                seenInDatabase.TrySetResult(await Db.QueryAsync(db => Task.FromResult(db.ChatMessages.Any(m => m.Id == posted.Message.Id))));
        });

        var sent = await SayAsync(Alice, "Published after commit");

        Assert.True(await seenInDatabase.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(sent, Assert.Single(Db.Bus.EventsOn<ChatPosted>(Topics.Room(ChatRooms.Lobby))).Message);
    }

    [Fact]
    public async Task SendAsync_AccountGone_SignInRequired()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync("no-such-user", ChatRooms.Lobby, "Hi", ct: Ct));

        Assert.Equal(ForumErrorKind.SignInRequired, ex.Kind);
        Assert.Equal(0, await StoredMessagesAsync());
    }
}
