using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>Private messages: to one member, in conversations listed by their last message, with unread counts and reads.</summary>
public class ChatDirectTests : ChatTest
{
    [Fact]
    public async Task SendAsync_AtNameInARoom_GoesToThatMemberAndTheSenderOnly()
    {
        await ArrangeMembersAsync();

        var sent = await SayAsync(Alice, $"@{Bob.UserName} hello, just you");

        Assert.Equal(("hello, just you", (string?)null, Alice.Id, Bob.Id), (sent.Text, sent.Room, sent.Sender.Id, sent.To?.Id));
        Assert.Empty((await Db.ChatQueries.HistoryAsync(Bob.Id, ChatRooms.Lobby, ct: Ct)).Items);
        Assert.Empty(Db.Bus.EventsOn<ChatPosted>(Topics.Room(ChatRooms.Lobby)));
        Assert.Equal(sent, Assert.Single(Db.Bus.EventsOn<DirectPosted>(Topics.User(Alice.Id))).Message);
        Assert.Equal(sent, Assert.Single(Db.Bus.EventsOn<DirectPosted>(Topics.User(Bob.Id))).Message);
        Assert.Empty(Db.Bus.EventsOn<DirectPosted>(Topics.User(Carol.Id)));
        var bobs = await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, ct: Ct);
        Assert.Equal(sent, Assert.Single(bobs.Page.Items));
    }

    [Fact]
    public async Task ConversationAsync_BothMembersSeeOneConversationWithEachMessageAddressed()
    {
        await ArrangeMembersAsync();
        var a = await WhisperAsync(Alice, Bob, "Hi Bob");
        var b = await WhisperAsync(Bob, Alice, "Hi Alice");
        var c = await SayAsync(Alice, $"@{Bob.UserName} from the lobby");

        var alices = await Db.ChatQueries.ConversationAsync(Alice.Id, Bob.UserName, ct: Ct);
        var bobs = await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName.ToUpperInvariant(), ct: Ct);

        Assert.Equal(alices.ConversationId, bobs.ConversationId);
        Assert.Equal([a, b, c], alices.Page.Items);
        Assert.Equal([a, b, c], bobs.Page.Items);
        Assert.Equal([Bob.Id, Alice.Id, Bob.Id], bobs.Page.Items.Select(m => m.To!.Id));
        Assert.Equal((Bob.Id, Alice.Id), (alices.Other.Id, bobs.Other.Id));
    }

    [Fact]
    public async Task ConversationAsync_EarlierAndAfter_ReturnEveryMessageOnceInOrder()
    {
        await ArrangeMembersAsync();
        var sent = new List<ChatMessageView>();
        for (var i = 0; i < 23; i++) sent.Add(i % 3 == 0 ? await WhisperAsync(Bob, Alice, $"B{i}") : await WhisperAsync(Alice, Bob, $"A{i}"));

        var pages = new List<DirectHistory> { await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, take: 5, ct: Ct) };
        while (pages[^1].Page.More)
            pages.Add(await Db.ChatQueries.ConversationAsync(Bob.Id, Alice.UserName, pages[^1].Page.Items[0].Id, 5, Ct));
        var caughtUp = await Db.ChatQueries.ConversationAfterAsync(Bob.Id, Alice.UserName, sent[17].Id, ct: Ct);

        Assert.Equal(sent.Select(m => m.Id), pages.AsEnumerable().Reverse().SelectMany(p => p.Page.Items).Select(m => m.Id));
        Assert.Equal(sent.Skip(18).Select(m => m.Id), caughtUp.Page.Items.Select(m => m.Id));
        Assert.False(caughtUp.Page.More);
    }

    [Fact]
    public async Task ConversationAsync_NeverWritten_IsEmptyWithTheOtherMember()
    {
        await ArrangeMembersAsync();

        var empty = await Db.ChatQueries.ConversationAsync(Alice.Id, Carol.UserName, ct: Ct);

        Assert.Equal((Carol.Id, (long?)null, 0), (empty.Other.Id, empty.ConversationId, empty.Page.Items.Count));
    }

    [Fact]
    public async Task ConversationsAsync_LatestFirstWithLastMessageAndUnreadCount()
    {
        await ArrangeMembersAsync();
        var dave = await AddMemberAsync("Dave");
        await WhisperAsync(Bob, Alice, "Bob 1");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await WhisperAsync(Carol, Alice, "Carol 1");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await WhisperAsync(Bob, Alice, "Bob 2");
        await WhisperAsync(Bob, Alice, "Bob 3");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await WhisperAsync(Alice, dave, "Alice to Dave");

        var page = await Db.ChatQueries.ConversationsAsync(Alice.Id, ct: Ct);

        Assert.Equal([dave.Id, Bob.Id, Carol.Id], page.Items.Select(c => c.Other.Id));
        Assert.Equal([0, 3, 1], page.Items.Select(c => c.Unread));
        Assert.Equal(["Alice to Dave", "Bob 3", "Carol 1"], page.Items.Select(c => c.LastMessage!.Text));
        Assert.Equal((Alice.Id, dave.Id), (page.Items[0].LastMessage!.Sender.Id, page.Items[0].LastMessage!.To!.Id));
        Assert.Null(page.Next);
        var daves = await Db.ChatQueries.ConversationsAsync(dave.Id, ct: Ct);
        Assert.Equal((Alice.Id, 1), (Assert.Single(daves.Items).Other.Id, daves.Items[0].Unread));
    }

    [Fact]
    public async Task ConversationsAsync_ManyOnOneInstant_PagesReturnEachConversationOnce()
    {
        await ArrangeMembersAsync();
        var others = new List<Member>();
        for (var i = 0; i < 12; i++)
        {
            others.Add(await AddMemberAsync($"Member {i}"));
            if (i % 4 == 0) Db.Clock.Advance(TimeSpan.FromTicks(1));
            await WhisperAsync(others[^1], Alice, $"Hello {i}");
        }

        var seen = new List<ConversationSummary>();
        ConversationCursor? cursor = null;
        do
        {
            var page = await Db.ChatQueries.ConversationsAsync(Alice.Id, cursor, 5, Ct);
            seen.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);

        Assert.Equal(others.AsEnumerable().Reverse().Select(o => o.Id), seen.Select(c => c.Other.Id));
    }

    [Fact]
    public async Task MarkConversationReadAsync_ClearsItsUnreadCountAndTellsTheReadersTabs()
    {
        await ArrangeMembersAsync();
        await WhisperAsync(Bob, Alice, "One");
        var last = await WhisperAsync(Bob, Alice, "Two");
        await WhisperAsync(Carol, Alice, "Other conversation");

        await Db.Chat.MarkConversationReadAsync(Alice.Id, Bob.UserName, Ct);
        await Db.Chat.MarkConversationReadAsync(Alice.Id, Bob.UserName, Ct); // nothing new: nothing written or told

        var page = await Db.ChatQueries.ConversationsAsync(Alice.Id, ct: Ct);
        Assert.Equal([(Carol.Id, 1), (Bob.Id, 0)], page.Items.Select(c => (c.Other.Id, c.Unread)));
        var read = Assert.Single(Db.Bus.EventsOn<ConversationRead>(Topics.User(Alice.Id)));
        Assert.Equal(last.Id, read.LastReadMessageId);
        Assert.Single((await Db.ChatQueries.ConversationsAsync(Bob.Id, ct: Ct)).Items);
    }

    [Fact]
    public async Task SendDirectAsync_RecipientReadingTheConversation_ArrivesRead()
    {
        await ArrangeMembersAsync();
        var first = await WhisperAsync(Bob, Alice, "First");
        using (Db.Presence.Enter(Places.Conversation(first.ConversationId!.Value), new PresenceMember(Alice.Id, "Alice")))
            await WhisperAsync(Bob, Alice, "While Alice reads");

        var summary = Assert.Single((await Db.ChatQueries.ConversationsAsync(Alice.Id, ct: Ct)).Items);

        Assert.Equal(0, summary.Unread);
    }

    [Fact]
    public async Task SendDirectAsync_UnknownMember_NotFoundAndNothingStored()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<Forum.Data.ForumException>(() => Db.Chat.SendDirectAsync(Alice.Id, "ghost", "Boo", ct: Ct));

        Assert.Equal("There is no member called ghost, so nothing was sent.", ex.Message);
        Assert.Equal(0, await StoredMessagesAsync());
        Assert.Equal(0, await Db.QueryAsync(db => Task.FromResult(db.Conversations.Count())));
    }
}
