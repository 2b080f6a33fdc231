using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using MudBlazor;

namespace Forum.Tests.Components;

/// <summary>In the thread: the author edits or deletes in place; everyone else's open thread follows live.</summary>
public sealed class CommentEditingTests : ComponentTest
{
    [Fact]
    public async Task OwnFreshComment_EditInPlace_ShowsNewTextMarkedEdited()
    {
        var mine = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Teh ending!"), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".edit-button")));

        await thread.ClickAsync(".edit-button");
        await thread.ChangeAsync(".comment-edit-input textarea", "The ending!");
        await thread.ClickAsync(".comment-edit-save");

        thread.WaitForAssertion(() => Assert.Equal("The ending!", thread.Find($"#c{mine.Id} .comment-body").TextContent));
        Assert.Equal("edited", thread.Find($"#c{mine.Id} .comment-edited").TextContent);
        Assert.Empty(thread.FindAll(".comment-editor"));
    }

    [Fact]
    public async Task EditButtons_OnlyForOwnCommentsInTheWindowAndNotYetAnswered()
    {
        var old = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Old thought"), Ct);
        H.Db.Clock.Advance(CommentRules.EditWindow + TimeSpan.FromMinutes(1));
        var answered = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Answered thought"), Ct);
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Bob answers", answered.Id), Ct);
        var fresh = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Fresh thought"), Ct);

        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));

        thread.WaitForAssertion(() => Assert.Equal(4, thread.FindAll(".comment").Count));
        var editable = thread.FindAll(".edit-button").Select(b => b.Closest(".comment")!.Id).ToList();
        Assert.Equal([$"c{fresh.Id}"], editable);
        Assert.Empty(thread.FindAll($"#c{old.Id} .delete-button"));
    }

    [Fact]
    public async Task OwnComment_DeleteConfirmed_DisappearsAndIsGone()
    {
        var mine = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "Wrong thread, sorry"), Ct);
        var dialogs = H.Context.Render<MudDialogProvider>();
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".delete-button")));

        await thread.ClickAsync(".delete-button");
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this comment?", dialogs.Markup));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click();

        thread.WaitForAssertion(() => Assert.Empty(thread.FindAll($"#c{mine.Id}")));
        Assert.Empty(await H.Db.CommentQueries.ListForPostAsync(Post, Ct));
    }

    [Fact]
    public async Task OthersEditAndDelete_FollowLiveInAnOpenThread()
    {
        var bobs = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Frist"), Ct);
        var other = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Oops"), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(c => c.PostId, Post));
        thread.WaitForAssertion(() => Assert.Equal(2, thread.FindAll(".comment").Count));
        Assert.Empty(thread.FindAll(".edit-button"));

        await H.Db.CommentEdits.EditAsync(Bob, bobs.Id, "First", Ct);
        await H.Db.CommentEdits.DeleteAsync(Bob, other.Id, Ct);

        thread.WaitForAssertion(() => Assert.Equal("First", thread.Find($"#c{bobs.Id} .comment-body").TextContent));
        thread.WaitForAssertion(() => Assert.Empty(thread.FindAll($"#c{other.Id}")));
        Assert.Equal("1 comment", thread.Find("#comment-count").TextContent);
    }
}
