using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>Ignoring a member: their private messages never reach me, their room messages are hidden for me, they are not told.</summary>
public class ChatIgnoreTests : ChatTest
{
    [Fact]
    public async Task SendDirectAsync_RecipientIgnoresSender_SenderSeesItSentRecipientNeverGetsIt()
    {
        await ArrangeMembersAsync();
        await Db.Chat.IgnoreAsync(Bob.Id, Alice.UserName, Ct);

        var sent = await WhisperAsync(Alice, Bob, "Are you there?");

        // Alice sees an ordinary sent message: nothing tells her she is ignored.
        Assert.Equal((Bob.Id, false), (sent.To?.Id, sent.Deleted));
        Assert.Equal(sent, Assert.Single((await Db.ChatQueries.ConversationAsync(Alice.Id, Bob.UserName, ct: Ct)).Page.Items));
        Assert.Equal(sent, Assert.Single((await Db.ChatQueries.ConversationsAsync(Alice.Id, ct: Ct)).Items).LastMessage);
        Assert.Single(Db.Bus.EventsOn<DirectPosted>(Topics.User(Alice.Id)));
        Assert.Empty(Db.Bus.EventsOn<IgnoreChanged>(Topics.User(Alice.Id)));
        // Bob gets nothing at all.
        Assert.Empty((await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, ct: Ct)).Page.Items);
        Assert.Empty((await Db.ChatQueries.ConversationsAsync(Bob.Id, ct: Ct)).Items);
        Assert.Empty(Db.Bus.EventsOn<DirectPosted>(Topics.User(Bob.Id)));
        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.GetMessageAsync(Bob.Id, sent.Id, Ct));
        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task SendDirectAsync_IgnoredInAnExistingConversation_EarlierMessagesStayNewOnesAreWithheld()
    {
        await ArrangeMembersAsync();
        var before = await WhisperAsync(Alice, Bob, "Before");
        await Db.Chat.IgnoreAsync(Bob.Id, Alice.UserName, Ct);
        await WhisperAsync(Alice, Bob, "After");
        var bobsReply = await WhisperAsync(Bob, Alice, "Bob can still write");

        var bobs = await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, ct: Ct);
        var summary = Assert.Single((await Db.ChatQueries.ConversationsAsync(Bob.Id, ct: Ct)).Items);

        Assert.Equal(["Before", "Bob can still write"], bobs.Page.Items.Select(m => m.Text));
        Assert.Equal((bobsReply.Id, 1), (summary.LastMessage!.Id, summary.Unread));
        Assert.Equal(3, (await Db.ChatQueries.ConversationAsync(Alice.Id, Bob.UserName, ct: Ct)).Page.Items.Count);
        Assert.Equal(before.Id, bobs.Page.Items[0].Id);
    }

    [Fact]
    public async Task HistoryAsync_IgnoredMembersRoomMessages_HiddenForMeOnlyUntilUndone()
    {
        await ArrangeMembersAsync();
        await SayAsync(Alice, "Alice 1");
        await SayAsync(Carol, "Carol 1");
        await Db.Chat.IgnoreAsync(Bob.Id, Alice.UserName, Ct);
        await SayAsync(Alice, "Alice 2", MovieRoom);

        Assert.Equal(["Carol 1"], (await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, ct: Ct)).Items.Select(m => m.Text));
        Assert.Empty((await Db.ChatQueries.AfterAsync(Bob.Id, MovieRoom, 0, ct: Ct)).Items);
        Assert.Equal(2, (await Db.ChatQueries.HistoryAsync(Carol.Id, ChatRooms.Lobby, ct: Ct)).Items.Count);
        Assert.Equal(2, (await Db.ChatQueries.HistoryAsync(null, ChatRooms.Lobby, ct: Ct)).Items.Count);
        Assert.Equal(new HashSet<string> { Alice.Id }, await Db.ChatQueries.IgnoredIdsAsync(Bob.Id, Ct));

        await Db.Chat.UnignoreAsync(Bob.Id, Alice.UserName, Ct);
        await WhisperAsync(Alice, Bob, "Reaches Bob again");

        Assert.Equal(["Alice 1", "Carol 1"], (await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, ct: Ct)).Items.Select(m => m.Text));
        Assert.Equal("Reaches Bob again", Assert.Single((await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, ct: Ct)).Page.Items).Text);
        Assert.Empty(await Db.ChatQueries.IgnoredIdsAsync(Bob.Id, Ct));
    }

    [Fact]
    public async Task IgnoreAsync_Twice_OneRowAndOneEventOnTheIgnorersTopicOnly()
    {
        await ArrangeMembersAsync();

        await Db.Chat.IgnoreAsync(Bob.Id, Alice.UserName, Ct);
        var ignored = await Db.Chat.IgnoreAsync(Bob.Id, "@" + Alice.UserName.ToUpperInvariant(), Ct);
        await Db.Chat.IgnoreAsync(Bob.Id, Carol.UserName, Ct);

        Assert.Equal(Alice.Id, ignored.Id);
        Assert.Equal([Alice.Id, Carol.Id], (await Db.ChatQueries.IgnoredAsync(Bob.Id, Ct)).Select(m => m.Id));
        Assert.True(await Db.ChatQueries.IsIgnoringAsync(Bob.Id, Alice.Id, Ct));
        Assert.False(await Db.ChatQueries.IsIgnoringAsync(Alice.Id, Bob.Id, Ct));
        Assert.Equal([(Alice.Id, true), (Carol.Id, true)],
            Db.Bus.EventsOn<IgnoreChanged>(Topics.User(Bob.Id)).Select(e => (e.OtherUserId, e.Ignoring)));
        Assert.DoesNotContain(Db.Bus.Published, p => p.Topic != Topics.User(Bob.Id));
    }

    [Fact]
    public async Task IgnoreAsync_BadRequests_RefusedWithAReason()
    {
        await ArrangeMembersAsync();

        var self = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.IgnoreAsync(Bob.Id, Bob.UserName, Ct));
        var unknown = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.IgnoreAsync(Bob.Id, "ghost", Ct));
        var visitor = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.IgnoreAsync(null, Alice.UserName, Ct));

        Assert.Equal((ForumErrorKind.Invalid, "You cannot ignore yourself."), (self.Kind, self.Message));
        Assert.Equal((ForumErrorKind.NotFound, "There is no member called ghost."), (unknown.Kind, unknown.Message));
        Assert.Equal(ForumErrorKind.SignInRequired, visitor.Kind);
        Assert.Empty(await Db.ChatQueries.IgnoredAsync(Bob.Id, Ct));
    }

    [Fact]
    public async Task UnignoreAsync_NotIgnoring_ChangesNothing()
    {
        await ArrangeMembersAsync();

        await Db.Chat.UnignoreAsync(Bob.Id, Alice.UserName, Ct);

        Assert.Empty(Db.Bus.Published);
    }
}
