using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Comments;

/// <summary>Authors change their minds within the window; counters and open threads follow exactly.</summary>
public class CommentEditServiceTests : DatabaseTest
{
    private string _alice = "", _bob = "", _carol = "";
    private int _post;

    private async Task SetUpAsync()
    {
        (_alice, _bob, _carol) = (await Db.AddUserAsync("Alice"), await Db.AddUserAsync("Bob"), await Db.AddUserAsync("Carol"));
        _post = await Db.AddPostAsync(_alice);
    }

    [Fact]
    public async Task EditAsync_AuthorWithinWindow_ChangesTextMarksEditedAndTellsTheThread()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Teh best heist film."), Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(3));

        var edited = await Db.CommentEdits.EditAsync(_bob, comment.Id, "  The best heist film.  ", Ct);

        Assert.Equal("The best heist film.", edited.Body);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, edited.EditedAt);
        Assert.Equal(edited, Assert.Single(await Db.CommentQueries.ListForPostAsync(_post, Ct)));
        Assert.Equal(edited, Assert.Single(Db.Bus.EventsOn<CommentEdited>(Topics.Post(_post))).Comment);
        Assert.Equal("The best heist film.", (await Db.Messages.GetPageAsync(_alice, ct: Ct)).Items[0].Excerpt);
    }

    [Fact]
    public async Task EditAsync_SameText_IsNotMarkedEdited()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Fine as it is."), Ct);

        var edited = await Db.CommentEdits.EditAsync(_bob, comment.Id, "Fine as it is.", Ct);

        Assert.Null(edited.EditedAt);
    }

    [Fact]
    public async Task EditAndDelete_SomeoneElsesComment_AreRefusedAndChangeNothing()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Mine."), Ct);
        var before = await Db.SnapshotAsync();

        var edit = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(_carol, comment.Id, "Yours now.", Ct));
        var delete = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.DeleteAsync(_alice, comment.Id, Ct));

        Assert.Equal((ForumErrorKind.Forbidden, ForumErrorKind.Forbidden), (edit.Kind, delete.Kind));
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal("Mine.", Assert.Single(await Db.CommentQueries.ListForPostAsync(_post, Ct)).Body);
    }

    [Fact]
    public async Task EditAndDelete_AfterTheWindow_AreRefusedWithTheReason()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Hot take."), Ct);
        Db.Clock.Advance(CommentRules.EditWindow + TimeSpan.FromSeconds(1));

        var edit = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(_bob, comment.Id, "Cold take.", Ct));
        var delete = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.DeleteAsync(_bob, comment.Id, Ct));

        Assert.Contains("15 minutes", edit.Message);
        Assert.Contains("15 minutes", delete.Message);
        Assert.Equal((ForumErrorKind.Conflict, ForumErrorKind.Conflict), (edit.Kind, delete.Kind));
        Assert.Single(await Db.CommentQueries.ListForPostAsync(_post, Ct));
    }

    [Fact]
    public async Task EditAndDelete_OnceReplied_AreRefused()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Question?"), Ct);
        await Db.Comments.AddAsync(_carol, new NewComment(_post, "Answer.", comment.Id), Ct);

        var edit = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(_bob, comment.Id, "Other question?", Ct));
        var delete = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.DeleteAsync(_bob, comment.Id, Ct));

        Assert.Contains("replied", edit.Message);
        Assert.Equal((ForumErrorKind.Conflict, ForumErrorKind.Conflict), (edit.Kind, delete.Kind));
        Assert.Equal(2, (await Db.CommentQueries.ListForPostAsync(_post, Ct)).Count);
    }

    [Fact]
    public async Task EditAsync_EmptyText_IsRefused()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Something."), Ct);

        await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(_bob, comment.Id, "   ", Ct));

        Assert.Equal("Something.", Assert.Single(await Db.CommentQueries.ListForPostAsync(_post, Ct)).Body);
    }

    [Fact]
    public async Task DeleteAsync_Reply_RemovesItsMessagesAndEveryCounterStaysExact()
    {
        await SetUpAsync();
        var top = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Top."), Ct);
        var older = await Db.Comments.AddAsync(_carol, new NewComment(_post, "Older reply.", top.Id), Ct);
        var reply = await Db.Comments.AddAsync(_carol, new NewComment(_post, "Oops, wrong film.", top.Id), Ct);
        // Alice has read hers; Bob has not: both rows go, only Bob's counter moves.
        await Db.Messages.MarkAllReadAsync(_alice, Ct);

        await Db.CommentEdits.DeleteAsync(_carol, reply.Id, Ct);

        Assert.DoesNotContain(await Db.NotificationsAsync(), n => n.CommentId == reply.Id);
        Assert.Equal((0, 0), (await Db.CounterAsync(_alice), await Db.UnreadRowsAsync(_alice)));
        Assert.Equal((1, 1), (await Db.CounterAsync(_bob), await Db.UnreadRowsAsync(_bob)));
        Assert.Equal([top.Id, older.Id], (await Db.CommentQueries.ListForPostAsync(_post, Ct)).Select(c => c.Id));
        Assert.Equal(2, (await Db.PostQueries.GetAsync(_post, Ct))!.CommentCount);
        Assert.Equal(reply.Id, Assert.Single(Db.Bus.EventsOn<CommentRemoved>(Topics.Post(_post))).CommentId);
        Assert.Equal(1, Db.Bus.EventsOn<UnreadChanged>(Topics.User(_bob))[^1].Count);
        Assert.Equal(0, Db.Bus.EventsOn<UnreadChanged>(Topics.User(_alice))[^1].Count);
    }

    [Fact]
    public async Task DeleteAsync_Twice_SecondIsNotFound()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Delete me."), Ct);
        await Db.CommentEdits.DeleteAsync(_bob, comment.Id, Ct);

        var again = await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.DeleteAsync(_bob, comment.Id, Ct));

        Assert.Equal(ForumErrorKind.NotFound, again.Kind);
        Assert.Equal(0, await Db.CounterAsync(_alice));
    }

    [Fact]
    public async Task EditAndDelete_Anonymous_AreRefused()
    {
        await SetUpAsync();
        var comment = await Db.Comments.AddAsync(_bob, new NewComment(_post, "Hello."), Ct);

        Assert.Equal(ForumErrorKind.SignInRequired,
            (await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.EditAsync(null, comment.Id, "x", Ct))).Kind);
        Assert.Equal(ForumErrorKind.SignInRequired,
            (await Assert.ThrowsAsync<ForumException>(() => Db.CommentEdits.DeleteAsync(null, comment.Id, Ct))).Kind);
    }
}
