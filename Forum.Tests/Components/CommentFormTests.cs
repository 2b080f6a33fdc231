using Bunit;
using Forum.App.Components.Shared;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Web;

namespace Forum.Tests.Components;

public sealed class CommentFormTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        H.SignIn(Bob, "Bob");
    }

    private Task<IReadOnlyList<CommentView>> StoredAsync() => H.Db.CommentQueries.ListForPostAsync(Post, Ct);

    [Fact]
    public async Task CommentForm_WhitespaceOnly_ShowsMessageAndPostsNothing()
    {
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        await form.ChangeAsync("textarea", "   ");
        await form.ClickAsync(".comment-submit");

        form.WaitForAssertion(() => Assert.Contains("The comment cannot be empty.", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task CommentForm_ValidText_PostsOnceClearsAndReports()
    {
        CommentView? posted = null;
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post).Add(c => c.OnPosted, c => posted = c));
        await form.ChangeAsync("textarea", "Great heist film.");
        await form.ClickAsync(".comment-submit");

        form.WaitForAssertion(() => Assert.NotNull(posted));
        Assert.Equal("Great heist film.", Assert.Single(await StoredAsync()).Body);
        Assert.Equal("", form.Find("textarea").GetAttribute("value") ?? "");
        await form.BlurAsync("textarea");
        Assert.DoesNotContain("cannot be empty", form.Markup);
    }

    [Fact]
    public async Task CommentForm_DoubleClick_StoresOneCommentAndShowsNoError()
    {
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        await form.ChangeAsync("textarea", "Clicked twice.");
        var button = form.Find(".comment-submit");
        var first = button.ClickAsync(new MouseEventArgs());
        var second = button.ClickAsync(new MouseEventArgs());
        await Task.WhenAll(first, second);

        Assert.Single(await StoredAsync());
        Assert.DoesNotContain("cannot be empty", form.Markup);
    }

    [Fact]
    public async Task CommentForm_ReplyToCommentOfAnotherPost_ShowsRuleMessage()
    {
        var otherPost = await H.Db.AddPostAsync(Alice, "Ronin");
        var foreign = await H.Db.Comments.AddAsync(Alice, new NewComment(otherPost, "elsewhere"), Ct);
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post).Add(c => c.ParentId, foreign.Id));
        await form.ChangeAsync("textarea", "Misplaced reply");
        await form.ClickAsync(".comment-submit");

        form.WaitForAssertion(() => Assert.Contains("same post", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task CommentForm_OneThousandAndOneEmoji_CountedAsTheRuleCountsAndPosted()
    {
        var body = string.Concat(Enumerable.Repeat("🎬", 1_001)); // 2,002 UTF-16 units
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        var textarea = form.Find("textarea");
        // The browser's maxlength counts UTF-16 units: it must never stop text the rule allows.
        Assert.True(int.Parse(textarea.GetAttribute("maxlength") ?? int.MaxValue.ToString()) >= CommentRules.Body.MaxUnits);

        textarea.Change(body);

        form.WaitForAssertion(() => Assert.Equal("1,001 / 2,000", form.Find(".rule-text-counter").TextContent.Trim()));
        Assert.DoesNotContain("mud-error-text", form.Find(".rule-text-counter").ClassName);
        await form.ClickAsync(".comment-submit");
        form.WaitForAssertion(() => Assert.Equal("0 / 2,000", form.Find(".rule-text-counter").TextContent.Trim()));
        Assert.Equal(body, Assert.Single(await StoredAsync()).Body);
    }

    [Fact]
    public async Task CommentForm_InvisibleCharactersOnly_ShowsTheRuleAndPostsNothing()
    {
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        await form.ChangeAsync("textarea", "\u200B\u200B\u200B");
        await form.ClickAsync(".comment-submit");

        form.WaitForAssertion(() => Assert.Contains("The comment cannot be empty: spaces and invisible characters alone do not count.", form.Markup));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task CommentForm_DraftLeftInTheBrowser_IsRestoredAndSentOnceThenCleared()
    {
        // The circuit was lost after the server stored the comment but before the page heard back; the page was reloaded.
        var requestId = Guid.NewGuid();
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Sent before the reload", null, requestId), Ct);
        var read = H.Context.JSInterop.Setup<Draft?[]>("forum.drafts.read", _ => true);
        read.SetResult([new Draft("Sent before the reload", requestId.ToString())]);

        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));

        form.WaitForAssertion(() => Assert.Equal("Sent before the reload", form.Find("textarea").GetAttribute("value")));
        Assert.Equal([$"{Bob}:comment:{Post}:top"], (string[])Assert.Single(read.Invocations).Arguments[0]!);
        await form.ClickAsync(".comment-submit");
        form.WaitForAssertion(() => Assert.Equal("", form.Find("textarea").GetAttribute("value") ?? ""));
        Assert.Single(await StoredAsync());
        var clear = H.Context.JSInterop.VerifyInvoke("forum.drafts.clear");
        Assert.Equal([$"{Bob}:comment:{Post}:top"], (string[])clear.Arguments[0]!);
    }

    [Fact]
    public void CommentForm_Anonymous_OffersLogIn()
    {
        H.SignOut();
        var form = H.Render<CommentForm>(p => p.Add(c => c.PostId, Post));
        Assert.NotNull(form.Find("#login-to-comment"));
        Assert.Empty(form.FindAll("textarea"));
    }
}
