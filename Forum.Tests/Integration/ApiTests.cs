using System.Net;
using System.Net.Http.Json;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

public sealed class ApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private HttpClient Client() => app.NoRedirectClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddComment_Anonymous_Answers401AndWritesNothing()
    {
        var before = (await app.Get<CommentQueries>().ListForPostAsync(1, Ct)).Count;
        var response = await Client().PostAsJsonAsync("/api/posts/1/comments", new { body = "sneaky" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, (await app.Get<CommentQueries>().ListForPostAsync(1, Ct)).Count);
    }

    [Fact]
    public async Task Messages_Anonymous_Answers401()
    {
        var response = await Client().GetAsync("/api/messages", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AddComment_SignedIn_StoresOnceAndRefusesBadInput()
    {
        var client = await app.ClientForAsync("dave");
        var draft = Guid.NewGuid();

        var first = await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "Via the API", requestId = draft }, Ct);
        var again = await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "Via the API", requestId = draft }, Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<CommentView>(Ct))!.Id, (await again.Content.ReadFromJsonAsync<CommentView>(Ct))!.Id);

        var empty = await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "   " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("cannot be empty", await empty.Content.ReadAsStringAsync(Ct));

        var unknown = await client.PostAsJsonAsync("/api/posts/987654/comments", new { body = "Hello?" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
