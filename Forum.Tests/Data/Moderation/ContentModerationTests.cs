using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Moderation;

/// <summary>Hide, restore and delete: moderators only, placeholders, exact counters, the author told, one audit row per change.</summary>
public class ContentModerationTests : ModerationTest
{
    [Fact]
    public async Task HideAsync_Member_RefusedAndNothingChanges()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        var comment = await Db.Comments.AddAsync(Bob, new NewComment(post, "Great film."), Ct);
        var before = await Db.SnapshotAsync();

        foreach (var actor in new[] { Bob, Alice, null })
        {
            var ex = await Assert.ThrowsAsync<ForumException>(() => Content.HideAsync(actor, ContentKind.Comment, comment.Id, "Spam", Ct));
            Assert.Equal(actor is null ? ForumErrorKind.SignInRequired : ForumErrorKind.Forbidden, ex.Kind);
        }

        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal("Great film.", (await Db.CommentQueries.GetAsync(comment.Id, Ct))!.Body);
        Assert.Empty(await AuditAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task HideAsync_NoReason_InvalidAndNothingChanges(string reason)
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        var comment = await Db.Comments.AddAsync(Bob, new NewComment(post, "Great film."), Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Content.HideAsync(Mod, ContentKind.Comment, comment.Id, reason, Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.False((await Db.CommentQueries.GetAsync(comment.Id, Ct))!.Removed);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task HideAsync_Comment_PlaceholderCountersExactAuthorToldOneAuditRowAfterCommit()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        var comment = await Db.Comments.AddAsync(Bob, new NewComment(post, "Buy pills at spam.example"), Ct);
        var reply = await Db.Comments.AddAsync(Alice, new NewComment(post, "Reported.", comment.Id), Ct);
        Assert.Equal(1, await Db.CounterAsync(Alice));

        Assert.True(await Content.HideAsync(Mod, ContentKind.Comment, comment.Id, "Advertising", Ct));
        Assert.False(await Content.HideAsync(Mod, ContentKind.Comment, comment.Id, "Advertising again", Ct));

        var thread = await Db.CommentQueries.ListForPostAsync(post, Ct);
        Assert.Equal(("", true), (thread[0].Body, thread[0].Removed));
        Assert.Equal("Reported.", thread[1].Body);
        Assert.Equal(0, await Db.CounterAsync(Alice));
        Assert.Equal(await Db.UnreadRowsAsync(Alice), await Db.CounterAsync(Alice));
        var notice = Assert.Single((await Db.Messages.GetPageAsync(Bob, ct: Ct)).Items, m => m.Kind == NotificationKind.Moderated);
        Assert.Equal(("Advertising", post), (notice.Excerpt, notice.PostId));
        Assert.Equal(await Db.UnreadRowsAsync(Bob), await Db.CounterAsync(Bob));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal((Mod, "hide", ContentKind.Comment, comment.Id.ToString(), "Advertising", "visible", "hidden"),
            (audit.ActorId, audit.Action, audit.TargetKind, audit.TargetId, audit.Reason, audit.Before, audit.After));
        Assert.Single(Db.Bus.EventsOn<CommentRemoved>(Topics.Post(post)), e => e.CommentId == comment.Id);
        Assert.Contains(Db.Bus.EventsOn<UnreadChanged>(Topics.User(Alice)), e => e.Count == 0);
        Assert.NotNull(reply);
    }

    [Fact]
    public async Task RestoreAsync_HiddenComment_ShowsTextAgain_DeleteIsFinal()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        var comment = await Db.Comments.AddAsync(Bob, new NewComment(post, "A spoiler: he dies."), Ct);

        await Content.HideAsync(Mod, ContentKind.Comment, comment.Id, "Spoiler", Ct);
        Assert.True(await Content.RestoreAsync(Mod, ContentKind.Comment, comment.Id, "Marked now", Ct));
        Assert.Equal("A spoiler: he dies.", (await Db.CommentQueries.GetAsync(comment.Id, Ct))!.Body);
        Assert.True(await Content.DeleteAsync(Admin, ContentKind.Comment, comment.Id, "Spoiler again", Ct));

        var ex = await Assert.ThrowsAsync<ForumException>(() => Content.RestoreAsync(Mod, ContentKind.Comment, comment.Id, "Undo", Ct));
        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal("", await Db.QueryAsync(db => Task.FromResult(db.Comments.Single(c => c.Id == comment.Id).Body)));
        Assert.Equal(["hide", "restore", "delete"], (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task HideAsync_Post_GoneFromListsAndPageItsMessagesDropped()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice, "Spam film");
        var other = await Db.AddPostAsync(Alice, "Heat");
        await Db.Comments.AddAsync(Bob, new NewComment(post, "Nice."), Ct);

        await Content.HideAsync(Mod, ContentKind.Post, post, "Not a film", Ct);

        Assert.Null(await Db.PostQueries.GetAsync(post, Ct));
        Assert.Equal([other], (await Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items.Select(p => p.Id));
        var message = Assert.Single((await Db.Messages.GetPageAsync(Alice, ct: Ct)).Items);
        Assert.Equal(NotificationKind.Moderated, message.Kind);
        Assert.Equal(1, await Db.CounterAsync(Alice));
        Assert.Single(Db.Bus.EventsOn<PostRemoved>(Topics.Post(post)));

        await Content.RestoreAsync(Mod, ContentKind.Post, post, "Appeal accepted", Ct);
        Assert.NotNull(await Db.PostQueries.GetAsync(post, Ct));
    }

    [Fact]
    public async Task HiddenPost_OpensForModeratorsOnly_WithItsState()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice, "Spam film");
        await Content.HideAsync(Mod, ContentKind.Post, post, "Not a film", Ct);

        Assert.Null(await Db.PostQueries.GetAsync(post, null, Ct));
        Assert.Null(await Db.PostQueries.GetAsync(post, Alice, Ct)); // its author too
        Assert.Null(await Db.PostQueries.GetAsync(post, Bob, Ct));
        Assert.Equal(("Spam film", ModerationState.Hidden), await StateFor(Mod));
        Assert.Equal(("Spam film", ModerationState.Hidden), await StateFor(Admin));
        Assert.Null(await Db.PostQueries.GetAsync(post + 1000, Mod, Ct));

        await Content.RestoreAsync(Mod, ContentKind.Post, post, "Appeal accepted", Ct);
        Assert.Equal(ModerationState.Visible, (await Db.PostQueries.GetAsync(post, Bob, Ct))!.State);

        async Task<(string, ModerationState)?> StateFor(string viewer) =>
            await Db.PostQueries.GetAsync(post, viewer, Ct) is { } p ? (p.Title, p.State) : null;
    }

    [Fact]
    public async Task HideAsync_ChatMessage_ReadsAsDeletedThenRestores()
    {
        await StaffAsync();
        var message = await Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Rude words", ct: Ct);

        await Content.HideAsync(Mod, ContentKind.Chat, message.Id, "Rude", Ct);
        var hidden = Assert.Single((await Db.ChatQueries.HistoryAsync(Bob, ChatRooms.Lobby, ct: Ct)).Items);
        Assert.Equal(("", true), (hidden.Text, hidden.Deleted));
        Assert.Single(Db.Bus.EventsOn<ChatDeleted>(Topics.Room(ChatRooms.Lobby)));

        await Content.RestoreAsync(Mod, ContentKind.Chat, message.Id, "Fine after all", Ct);
        Assert.Equal("Rude words", Assert.Single((await Db.ChatQueries.HistoryAsync(Bob, ChatRooms.Lobby, ct: Ct)).Items).Text);
    }

    [Fact]
    public async Task HideAsync_Comment_AuthorCannotEditItAndProfileShowsThePlaceholder()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        var comment = await Db.Comments.AddAsync(Bob, new NewComment(post, "Rude words"), Ct);
        await Content.HideAsync(Mod, ContentKind.Comment, comment.Id, "Rude", Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(Bob, comment.Id, "Sneaky new words", Ct));

        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal(ModerationRules.Placeholder, Assert.Single((await Db.Profiles.CommentsAsync(Bob, ct: Ct)).Items).Excerpt);
    }
}
