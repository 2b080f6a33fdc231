using System.Net;
using System.Net.Http.Json;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>PATCH and DELETE /api/posts/{id}: only the author, only while no one else has commented.</summary>
public sealed class PostEditsApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static object Rope => PostsApiTests.Rope;

    [Fact]
    public async Task EditPost_ByItsAuthor_ChangesOnlyTheFieldsSent()
    {
        var client = await app.ClientForAsync("erin");
        var id = (await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts", Rope, Ct), HttpStatusCode.Created)).Int("id");

        var edited = await ApiAssert.JsonAsync(await client.PatchAsJsonAsync($"/api/posts/{id}", new { title = "Rope (1948)", genres = new[] { "Crime", "Thriller" } }, Ct));

        Assert.Equal(("Rope (1948)", 1948, "One apartment, one evening."), (edited.Str("title"), edited.Int("year"), edited.Str("body")));
        Assert.Equal(["Crime", "Thriller"], edited.GetProperty("genres").EnumerateArray().Select(g => g.GetString()));
        Assert.EndsWith("Z", edited.Str("editedAt"));
    }

    [Fact]
    public async Task EditAndDeletePost_SomeoneElses_Answer403AndChangeNothing()
    {
        var id = (await ApiAssert.JsonAsync(await (await app.ClientForAsync("erin")).PostAsJsonAsync("/api/posts", Rope, Ct), HttpStatusCode.Created)).Int("id");
        var frank = await app.ClientForAsync("frank");

        await ApiAssert.ProblemAsync(await frank.PatchAsJsonAsync($"/api/posts/{id}", new { title = "Mine now" }, Ct), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await frank.DeleteAsync($"/api/posts/{id}", Ct), HttpStatusCode.Forbidden);

        Assert.Equal("Rope", (await app.Get<PostQueries>().GetAsync(id, Ct))!.Title);
    }

    [Fact]
    public async Task EditAndDeletePost_AfterOthersCommented_Answer409AndChangeNothing()
    {
        var erin = await app.ClientForAsync("erin");
        var id = (await ApiAssert.JsonAsync(await erin.PostAsJsonAsync("/api/posts", Rope, Ct), HttpStatusCode.Created)).Int("id");
        await app.Get<CommentService>().AddAsync(await app.UserIdAsync("frank"), new NewComment(id, "Hitchcock's best trick."), Ct);

        var edit = await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync($"/api/posts/{id}", new { title = "Changed" }, Ct), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await erin.DeleteAsync($"/api/posts/{id}", Ct), HttpStatusCode.Conflict);

        Assert.Contains("joined the discussion", edit.Detail);
        Assert.Equal("Rope", (await app.Get<PostQueries>().GetAsync(id, Ct))!.Title);
    }

    [Fact]
    public async Task EditPost_BreaksARuleOrUnknown_Answers400Or404()
    {
        var erin = await app.ClientForAsync("erin");
        var id = (await ApiAssert.JsonAsync(await erin.PostAsJsonAsync("/api/posts", Rope, Ct), HttpStatusCode.Created)).Int("id");

        await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync($"/api/posts/{id}", new { year = 3000 }, Ct), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await erin.PatchAsJsonAsync("/api/posts/987654", new { year = 1999 }, Ct), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await erin.DeleteAsync("/api/posts/987654", Ct), HttpStatusCode.NotFound);

        Assert.Equal(1948, (await app.Get<PostQueries>().GetAsync(id, Ct))!.Year);
    }

    [Fact]
    public async Task DeletePost_ByItsAuthor_Answers204AndThePostIsGone()
    {
        var erin = await app.ClientForAsync("erin");
        var id = (await ApiAssert.JsonAsync(await erin.PostAsJsonAsync("/api/posts", Rope, Ct), HttpStatusCode.Created)).Int("id");

        Assert.Equal(HttpStatusCode.NoContent, (await erin.DeleteAsync($"/api/posts/{id}", Ct)).StatusCode);

        await ApiAssert.ProblemAsync(await erin.GetAsync($"/api/posts/{id}", Ct), HttpStatusCode.NotFound);
    }
}
