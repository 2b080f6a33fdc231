using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>The author deletes their own message within five minutes; everyone sees a placeholder from then on.</summary>
public class ChatDeleteTests : ChatTest
{
    [Fact]
    public async Task DeleteAsync_OwnRoomMessageWithinFiveMinutes_PlaceholderForEveryoneAndLive()
    {
        await ArrangeMembersAsync();
        var sent = await SayAsync(Alice, "Oops, spoiler");
        await SayAsync(Bob, "Too late!");
        Db.Clock.Advance(ChatRules.DeleteWindow);

        await Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct);

        var seen = (await Db.ChatQueries.HistoryAsync(Carol.Id, ChatRooms.Lobby, ct: Ct)).Items;
        Assert.Equal([(true, ""), (false, "Too late!")], seen.Select(m => (m.Deleted, m.Text)));
        Assert.Equal(sent.Id, seen[0].Id);
        var stored = await Db.QueryAsync(db => Task.FromResult(db.ChatMessages.Single(m => m.Id == sent.Id)));
        Assert.Equal(("", Db.Clock.GetUtcNow().UtcDateTime), (stored.Text, stored.DeletedAt));
        Assert.Equal(new ChatDeleted(ChatRooms.Lobby, sent.Id), Assert.Single(Db.Bus.EventsOn<ChatDeleted>(Topics.Room(ChatRooms.Lobby))));
    }

    [Fact]
    public async Task DeleteAsync_AfterFiveMinutes_RefusedAndKept()
    {
        await ArrangeMembersAsync();
        var sent = await SayAsync(Alice, "Said for good");
        Db.Clock.Advance(ChatRules.DeleteWindow + TimeSpan.FromTicks(1));

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct));

        Assert.Equal((ForumErrorKind.Conflict, "Messages can be deleted for 5 minutes after sending; this one can no longer be deleted."),
            (ex.Kind, ex.Message));
        Assert.Equal("Said for good", Assert.Single((await Db.ChatQueries.HistoryAsync(null, ChatRooms.Lobby, ct: Ct)).Items).Text);
        Assert.Empty(Db.Bus.EventsOn<ChatDeleted>(Topics.Room(ChatRooms.Lobby)));
    }

    [Fact]
    public async Task DeleteAsync_SomeoneElsesRoomMessage_ForbiddenAndKept()
    {
        await ArrangeMembersAsync();
        var sent = await SayAsync(Alice, "Mine");

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.DeleteAsync(Bob.Id, sent.Id, Ct));

        Assert.Equal((ForumErrorKind.Forbidden, "You can only delete your own messages."), (ex.Kind, ex.Message));
        Assert.False((await Db.ChatQueries.GetMessageAsync(null, sent.Id, Ct)).Deleted);
    }

    [Fact]
    public async Task DeleteAsync_Twice_OneEvent()
    {
        await ArrangeMembersAsync();
        var sent = await SayAsync(Alice, "Gone");

        await Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct);
        await Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct);

        Assert.Single(Db.Bus.EventsOn<ChatDeleted>(Topics.Room(ChatRooms.Lobby)));
    }

    [Fact]
    public async Task DeleteAsync_PrivateMessage_GoneForBothAndNoLongerUnread()
    {
        await ArrangeMembersAsync();
        await WhisperAsync(Alice, Bob, "Keep this");
        var sent = await WhisperAsync(Alice, Bob, "Wrong window");

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.DeleteAsync(Bob.Id, sent.Id, Ct));
        await Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct);

        Assert.Equal(ForumErrorKind.Forbidden, ex.Kind);
        var summary = Assert.Single((await Db.ChatQueries.ConversationsAsync(Bob.Id, ct: Ct)).Items);
        Assert.Equal((1, true, ""), (summary.Unread, summary.LastMessage!.Deleted, summary.LastMessage.Text));
        var deleted = new DirectDeleted(sent.ConversationId!.Value, sent.Id);
        Assert.Equal(deleted, Assert.Single(Db.Bus.EventsOn<DirectDeleted>(Topics.User(Alice.Id))));
        Assert.Equal(deleted, Assert.Single(Db.Bus.EventsOn<DirectDeleted>(Topics.User(Bob.Id))));
    }

    [Fact]
    public async Task DeleteAsync_WithheldMessage_OnlyTheSenderIsTold()
    {
        await ArrangeMembersAsync();
        await Db.Chat.IgnoreAsync(Bob.Id, Alice.UserName, Ct);
        var sent = await WhisperAsync(Alice, Bob, "Never delivered");

        await Db.Chat.DeleteAsync(Alice.Id, sent.Id, Ct);

        Assert.Single(Db.Bus.EventsOn<DirectDeleted>(Topics.User(Alice.Id)));
        Assert.Empty(Db.Bus.EventsOn<DirectDeleted>(Topics.User(Bob.Id)));
    }

    [Fact]
    public async Task DeleteAsync_UnknownIdOrVisitor_Refused()
    {
        await ArrangeMembersAsync();
        var sent = await SayAsync(Alice, "Hello");

        var unknown = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.DeleteAsync(Alice.Id, sent.Id + 1000, Ct));
        var visitor = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.DeleteAsync(null, sent.Id, Ct));

        Assert.Equal((ForumErrorKind.NotFound, ForumErrorKind.SignInRequired), (unknown.Kind, visitor.Kind));
    }
}
