using System.Net;
using System.Net.Http.Json;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>A post's thread, and comments written, changed and deleted through the API.</summary>
public sealed class CommentsApiTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListComments_FollowingNext_WalksTheThreadOldestFirstOnce()
    {
        var client = await app.ClientForAsync("bob");
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await client.GetAsync($"/api/posts/3/comments?limit=2&cursor={cursor}", Ct));
            Assert.All(page.Items(), c => Assert.Equal(3, c.Int("postId")));
            ids.AddRange(page.Items().Select(c => c.Int("id")));
            cursor = page.Next();
        } while (cursor is not null);

        Assert.Equal((await app.Get<CommentQueries>().ListForPostAsync(3, Ct)).Select(c => c.Id), ids);
        Assert.True(ids.Count > 2);
    }

    [Fact]
    public async Task ListComments_UnknownPostOrAnotherThreadsCursor_Answer404Or400()
    {
        var client = await app.ClientForAsync("bob");
        var next = (await ApiAssert.JsonAsync(await client.GetAsync("/api/posts/3/comments?limit=1", Ct))).Next();

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/posts/987654/comments", Ct), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/posts/4/comments?cursor={next}", Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AddComment_Valid_Answers201WithLocationAndTheComment()
    {
        var client = await app.ClientForAsync("bob");

        var response = await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "Via the API" }, Ct);

        var comment = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/comments/{comment.Int("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Via the API", "bob", 2), (comment.Str("body"), comment.Str("author"), comment.Int("postId")));
        Assert.EndsWith("Z", comment.Str("createdAt"));
        Assert.Equal(comment.ToString(), (await ApiAssert.JsonAsync(await client.GetAsync(response.Headers.Location, Ct))).ToString());
    }

    [Fact]
    public async Task AddComment_ReplyWithForgedFields_IgnoresThemAndJoinsTheThread()
    {
        var client = await app.ClientForAsync("bob");
        var top = (await app.Get<CommentQueries>().ListForPostAsync(5, Ct)).First(c => c.ParentId is null);
        var forged = new { body = "A reply", parentId = top.Id, id = 1, postId = 9, author = "alice", authorId = "x", createdAt = "2001-01-01T00:00:00Z" };

        var reply = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts/5/comments", forged, Ct), HttpStatusCode.Created);

        Assert.NotEqual(1, reply.Int("id"));
        Assert.Equal((5, top.Id, "bob"), (reply.Int("postId"), reply.Int("parentId"), reply.Str("author")));
        Assert.StartsWith(app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm"), reply.Str("createdAt"));
    }

    [Fact]
    public async Task AddComment_SameRequestIdTwice_ReturnsTheFirstAndStoresOne()
    {
        var client = await app.ClientForAsync("dave");
        var draft = new { body = "Sent twice", requestId = Guid.NewGuid() };
        var before = (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count;

        var first = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts/2/comments", draft, Ct), HttpStatusCode.Created);
        var again = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts/2/comments", draft, Ct), HttpStatusCode.Created);

        Assert.Equal(first.Int("id"), again.Int("id"));
        Assert.Equal(before + 1, (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count);
    }

    [Fact]
    public async Task AddComment_EmptyOrUnknownPost_Answers400Or404AndStoresNothing()
    {
        var client = await app.ClientForAsync("dave");
        var before = (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count;

        var empty = await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "   " }, Ct), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/posts/987654/comments", new { body = "Hello?" }, Ct), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "To nobody", parentId = 987654 }, Ct), HttpStatusCode.NotFound);

        Assert.Contains("cannot be empty", empty.Detail);
        Assert.Equal(before, (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count);
    }

    [Fact]
    public async Task GetComment_Unknown_Answers404() =>
        await ApiAssert.ProblemAsync(await (await app.ClientForAsync("bob")).GetAsync("/api/comments/987654", Ct), HttpStatusCode.NotFound);

    [Fact]
    public async Task EditComment_OwnWithinTheWindow_ChangesTheText()
    {
        var client = await app.ClientForAsync("erin");
        var id = await AddAsync(client, "Fisrt try");

        var edited = await ApiAssert.JsonAsync(await client.PatchAsJsonAsync($"/api/comments/{id}", new { body = "First try" }, Ct));

        Assert.Equal("First try", edited.Str("body"));
        Assert.EndsWith("Z", edited.Str("editedAt"));
    }

    [Fact]
    public async Task EditAndDeleteComment_SomeoneElses_Answer403()
    {
        var id = await AddAsync(await app.ClientForAsync("erin"), "Mine");
        var frank = await app.ClientForAsync("frank");

        await ApiAssert.ProblemAsync(await frank.PatchAsJsonAsync($"/api/comments/{id}", new { body = "Yours" }, Ct), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await frank.DeleteAsync($"/api/comments/{id}", Ct), HttpStatusCode.Forbidden);

        Assert.Equal("Mine", (await app.Get<CommentQueries>().GetAsync(id, Ct))!.Body);
    }

    [Fact]
    public async Task EditAndDeleteComment_AfterTheWindowOrAReply_Answer409()
    {
        var erin = await app.ClientForAsync("erin");
        var late = await AddAsync(erin, "Written long ago");
        var answered = await AddAsync(erin, "Answered");
        await app.Get<CommentService>().AddAsync(await app.UserIdAsync("frank"), new NewComment(2, "An answer", answered), Ct);
        app.Clock.Advance(CommentRules.EditWindow + TimeSpan.FromMinutes(1));
        var fresh = await AddAsync(erin, "Fresh, but answered");
        await app.Get<CommentService>().AddAsync(await app.UserIdAsync("frank"), new NewComment(2, "Another answer", fresh), Ct);

        var window = await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync($"/api/comments/{late}", new { body = "Changed" }, Ct), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await erin.DeleteAsync($"/api/comments/{late}", Ct), HttpStatusCode.Conflict);
        var replied = await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync($"/api/comments/{fresh}", new { body = "Changed" }, Ct), HttpStatusCode.Conflict);

        Assert.Contains("minutes", window.Detail);
        Assert.Contains("replied", replied.Detail);
        Assert.Equal("Written long ago", (await app.Get<CommentQueries>().GetAsync(late, Ct))!.Body);
    }

    [Fact]
    public async Task EditComment_EmptyOrUnknown_Answers400Or404()
    {
        var erin = await app.ClientForAsync("erin");
        var id = await AddAsync(erin, "Keep me");

        await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync($"/api/comments/{id}", new { body = "" }, Ct), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync("/api/comments/987654", new { body = "Hi" }, Ct), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await erin.DeleteAsync("/api/comments/987654", Ct), HttpStatusCode.NotFound);

        Assert.Equal("Keep me", (await app.Get<CommentQueries>().GetAsync(id, Ct))!.Body);
    }

    [Fact]
    public async Task DeleteComment_Own_Answers204AndItIsGone()
    {
        var erin = await app.ClientForAsync("erin");
        var id = await AddAsync(erin, "Oops");
        var count = (await app.Get<PostQueries>().GetAsync(2, Ct))!.CommentCount;

        Assert.Equal(HttpStatusCode.NoContent, (await erin.DeleteAsync($"/api/comments/{id}", Ct)).StatusCode);

        await ApiAssert.ProblemAsync(await erin.GetAsync($"/api/comments/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Equal(count - 1, (await app.Get<PostQueries>().GetAsync(2, Ct))!.CommentCount);
    }

    private static async Task<int> AddAsync(HttpClient client, string body) =>
        (await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts/2/comments", new { body }, Ct), HttpStatusCode.Created)).Int("id");
}
