using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>Only the two members of a conversation can load it, through any method; anyone else learns nothing.</summary>
public class ChatPrivacyTests : ChatTest
{
    [Fact]
    public async Task PrivateMessage_ThirdMemberAndVisitor_FindItThroughNoMethod()
    {
        await ArrangeMembersAsync();
        await SayAsync(Alice, "Public hello");
        var secret = await WhisperAsync(Alice, Bob, "Just between us");
        var viaRoom = await SayAsync(Bob, $"@{Alice.UserName} also between us");

        foreach (var viewer in new[] { Carol, null })
        {
            var lobby = await Db.ChatQueries.HistoryAsync(viewer?.Id, ChatRooms.Lobby, ct: Ct);
            var catchUp = await Db.ChatQueries.AfterAsync(viewer?.Id, ChatRooms.Lobby, 0, ct: Ct);
            Assert.Equal(["Public hello"], lobby.Items.Select(m => m.Text));
            Assert.Equal(["Public hello"], catchUp.Items.Select(m => m.Text));
            foreach (var id in new[] { secret.Id, viaRoom.Id })
                await AssertSameAsUnknownAsync(() => Db.ChatQueries.GetMessageAsync(viewer?.Id, id, Ct));
        }
        foreach (var name in new[] { Alice.UserName, Bob.UserName })
        {
            Assert.Empty((await Db.ChatQueries.ConversationAsync(Carol.Id, name, ct: Ct)).Page.Items);
            Assert.Empty((await Db.ChatQueries.ConversationAfterAsync(Carol.Id, name, 0, ct: Ct)).Page.Items);
            await Db.Chat.MarkConversationReadAsync(Carol.Id, name, Ct);
        }
        Assert.Empty((await Db.ChatQueries.ConversationsAsync(Carol.Id, ct: Ct)).Items);
        await AssertSameAsUnknownAsync(() => Db.Chat.DeleteAsync(Carol.Id, secret.Id, Ct));
        Assert.DoesNotContain(Db.Bus.Published, p => p.Topic == Topics.User(Carol.Id));
        Assert.False((await Db.ChatQueries.GetMessageAsync(Bob.Id, secret.Id, Ct)).Deleted);
    }

    [Fact]
    public async Task PrivateMessage_BothMembers_LoadItByEveryMethod()
    {
        await ArrangeMembersAsync();
        var secret = await WhisperAsync(Alice, Bob, "Just between us");

        foreach (var (me, other) in new[] { (Alice, Bob), (Bob, Alice) })
        {
            Assert.Equal(secret, await Db.ChatQueries.GetMessageAsync(me.Id, secret.Id, Ct));
            Assert.Equal(secret, Assert.Single((await Db.ChatQueries.ConversationAsync(me.Id, other.UserName, ct: Ct)).Page.Items));
            Assert.Equal(secret, Assert.Single((await Db.ChatQueries.ConversationsAsync(me.Id, ct: Ct)).Items).LastMessage);
        }
    }

    [Fact]
    public async Task ConversationQueries_Visitor_SignInRequired()
    {
        await ArrangeMembersAsync();

        var list = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.ConversationsAsync(null, ct: Ct));
        var history = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.ConversationAsync(null, Bob.UserName, ct: Ct));
        var read = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.MarkConversationReadAsync(null, Bob.UserName, Ct));

        Assert.All([list, history, read], e => Assert.Equal(ForumErrorKind.SignInRequired, e.Kind));
    }

    [Fact]
    public async Task ConversationAsync_UnknownMember_NotFound()
    {
        await ArrangeMembersAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.ConversationAsync(Alice.Id, "ghost", ct: Ct));

        Assert.Equal((ForumErrorKind.NotFound, "There is no member called ghost."), (ex.Kind, ex.Message));
    }

    /// <summary>Someone else's private message gets exactly the answer of an id that was never used.</summary>
    private static async Task AssertSameAsUnknownAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(call);
        Assert.Equal((ForumErrorKind.NotFound, "That message does not exist (it may have been removed)."), (ex.Kind, ex.Message));
    }
}
