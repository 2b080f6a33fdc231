using Forum.Data.Chat;
using Forum.Data.Messages;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>A private message is a message-center entry of its own kind: the badge rises, reading the conversation reads it.</summary>
public class ChatNotificationTests : ChatTest
{
    [Fact]
    public async Task SendDirectAsync_RecipientGetsADirectMessageEntryAndOneMoreUnread()
    {
        await ArrangeMembersAsync();

        var sent = await WhisperAsync(Bob, Alice, "  Are you coming to the Heat watch party?  ");

        var item = Assert.Single((await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items);
        Assert.Equal((NotificationKind.Direct, "Bob", Bob.UserName, "Are you coming to the Heat watch party?", false),
            (item.Kind, item.ActorName, item.ActorUserName, item.Excerpt, item.IsRead));
        Assert.Equal(((int?)null, (string?)null, (int?)null, (long?)sent.Id), (item.PostId, item.PostTitle, item.CommentId, item.ChatMessageId));
        Assert.Equal(1, await Db.CounterAsync(Alice.Id));
        Assert.Empty((await Db.Messages.GetPageAsync(Bob.Id, ct: Ct)).Items);
        Assert.Empty((await Db.Messages.GetPageAsync(Carol.Id, ct: Ct)).Items);
        // Published after commit, in the order a live client needs them: the message, the entry, then the count.
        var toAlice = Db.Bus.Published.Where(p => p.Topic == Topics.User(Alice.Id)).Select(p => p.Event).ToList();
        Assert.IsType<DirectPosted>(toAlice[0]);
        Assert.Equal(item, Assert.IsType<NotificationAdded>(toAlice[1]).Item);
        Assert.Equal(1, Assert.IsType<UnreadChanged>(toAlice[2]).Count);
        Assert.Equal(item, Assert.Single(await Db.Messages.GetAfterAsync(Alice.Id, 0, ct: Ct)));
    }

    [Fact]
    public async Task SendDirectAsync_LongText_ExcerptEndsWithAnEllipsis()
    {
        await ArrangeMembersAsync();

        await WhisperAsync(Bob, Alice, string.Join(' ', Enumerable.Repeat("spoiler", 100)));

        var excerpt = Assert.Single((await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items).Excerpt;
        Assert.True(excerpt.Length <= MessageService.ExcerptLength);
        Assert.EndsWith("spoiler…", excerpt);
    }

    [Fact]
    public async Task SendDirectAsync_RecipientReadingTheConversation_EntryStoredReadAndNoBadge()
    {
        await ArrangeMembersAsync();
        var first = await WhisperAsync(Bob, Alice, "First");
        await Db.Chat.MarkConversationReadAsync(Alice.Id, Bob.UserName, Ct);

        using (Db.Presence.Enter(Places.Conversation(first.ConversationId!.Value), new PresenceMember(Alice.Id, "Alice")))
            await WhisperAsync(Bob, Alice, "While Alice reads");

        Assert.Equal([true, true], (await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items.Select(m => m.IsRead));
        Assert.Equal(0, await Db.CounterAsync(Alice.Id));
    }

    [Fact]
    public async Task SendDirectAsync_Withheld_NoEntryNoBadgeNothingPublishedToTheRecipient()
    {
        await ArrangeMembersAsync();
        await Db.Chat.IgnoreAsync(Alice.Id, Bob.UserName, Ct);

        await WhisperAsync(Bob, Alice, "Ignored");

        Assert.Empty((await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items);
        Assert.Equal(0, await Db.CounterAsync(Alice.Id));
        Assert.DoesNotContain(Db.Bus.Published, p => p.Topic == Topics.User(Alice.Id) && p.Event is not IgnoreChanged);
    }

    [Fact]
    public async Task MarkConversationReadAsync_ReadsItsEntriesOnlyAndKeepsTheCounterExact()
    {
        await ArrangeMembersAsync();
        var post = await Db.AddPostAsync(Alice.Id, "Alien");
        await WhisperAsync(Bob, Alice, "One");
        await WhisperAsync(Bob, Alice, "Two");
        await WhisperAsync(Carol, Alice, "From Carol");
        await Db.Comments.AddAsync(Bob.Id, new Forum.Data.Comments.NewComment(post, "A comment"), Ct);
        Assert.Equal(4, await Db.CounterAsync(Alice.Id));

        var state = await Db.Chat.MarkConversationReadAsync(Alice.Id, Bob.UserName, Ct);

        Assert.Equal(2, state.Count);
        Assert.Equal(2, await Db.CounterAsync(Alice.Id));
        Assert.Equal(2, await Db.UnreadRowsAsync(Alice.Id));
        var unread = (await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items.Where(m => !m.IsRead).Select(m => m.Excerpt);
        Assert.Equal(["A comment", "From Carol"], unread);
        Assert.Equal(state, Db.Bus.EventsOn<UnreadChanged>(Topics.User(Alice.Id))[^1]);
    }

    [Fact]
    public async Task MarkConversationReadAsync_EntryAlreadyReadInMyMessages_StillMovesTheMarker()
    {
        await ArrangeMembersAsync();
        await WhisperAsync(Bob, Alice, "Read from My messages");
        var item = Assert.Single((await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items);
        await Db.Messages.MarkReadAsync(Alice.Id, item.Id, Ct);

        await Db.Chat.MarkConversationReadAsync(Alice.Id, Bob.UserName, Ct);

        Assert.Equal(0, Assert.Single((await Db.ChatQueries.ConversationsAsync(Alice.Id, ct: Ct)).Items).Unread);
        Assert.Equal(0, await Db.CounterAsync(Alice.Id));
    }

    [Fact]
    public async Task DeleteAsync_PrivateMessage_ItsEntryGoesAndTheBadgeDrops()
    {
        await ArrangeMembersAsync();
        await WhisperAsync(Bob, Alice, "Keep");
        var oops = await WhisperAsync(Bob, Alice, "Oops, wrong person");

        await Db.Chat.DeleteAsync(Bob.Id, oops.Id, Ct);

        Assert.Equal(["Keep"], (await Db.Messages.GetPageAsync(Alice.Id, ct: Ct)).Items.Select(m => m.Excerpt));
        Assert.Equal(1, await Db.CounterAsync(Alice.Id));
        Assert.Equal(1, Db.Bus.EventsOn<UnreadChanged>(Topics.User(Alice.Id))[^1].Count);
    }
}
