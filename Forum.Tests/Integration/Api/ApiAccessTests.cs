using System.Net;
using System.Text;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>Every call but the token exchange needs a bearer token; a page's cookie is not one. Refused calls change nothing.</summary>
public sealed class ApiAccessTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every call of the API but the token exchange (OpenApiTests checks the document lists exactly these).</summary>
    public static readonly IReadOnlyList<(string Method, string Path)> All =
    [
        ("GET", "/api/me"),
        ("GET", "/api/posts"),
        ("POST", "/api/posts"),
        ("GET", "/api/posts/1"),
        ("PATCH", "/api/posts/1"),
        ("DELETE", "/api/posts/1"),
        ("GET", "/api/posts/1/comments"),
        ("POST", "/api/posts/1/comments"),
        ("GET", "/api/comments/1"),
        ("PATCH", "/api/comments/1"),
        ("DELETE", "/api/comments/1"),
        ("GET", "/api/messages"),
        ("GET", "/api/messages/unread"),
        ("POST", "/api/messages/1/read"),
        ("POST", "/api/messages/read-all"),
        ("GET", "/api/users/alice"),
        ("GET", "/api/users/alice/posts"),
        ("GET", "/api/users/alice/comments"),
        ("GET", "/api/stream"),
        ("POST", "/api/chat/rooms/lobby/messages"),
        ("DELETE", "/api/chat/messages/1"),
        ("GET", "/api/chat/direct"),
        ("GET", "/api/chat/direct/alice/messages"),
        ("POST", "/api/chat/direct/alice/messages"),
        ("POST", "/api/chat/direct/alice/read"),
        ("GET", "/api/chat/ignores"),
        ("PUT", "/api/users/alice/ignore"),
        ("DELETE", "/api/users/alice/ignore"),
        ("POST", "/api/reports"),
        ("GET", "/api/admin/reports"),
        ("GET", "/api/admin/reports/1"),
        ("POST", "/api/admin/reports/1/claim"),
        ("POST", "/api/admin/reports/1/resolve"),
        ("POST", "/api/admin/content/comment/1/hide"),
        ("POST", "/api/admin/content/comment/1/restore"),
        ("POST", "/api/admin/content/comment/1/delete"),
        ("POST", "/api/admin/bans"),
        ("DELETE", "/api/admin/bans/alice"),
        ("POST", "/api/admin/mutes"),
        ("DELETE", "/api/admin/mutes/alice"),
        ("POST", "/api/admin/lockouts/alice/clear"),
        ("PUT", "/api/admin/moderators/alice"),
        ("DELETE", "/api/admin/moderators/alice"),
        ("GET", "/api/admin/members"),
        ("GET", "/api/admin/audit"),
    ];

    /// <summary>Calls anyone may make (a token, when sent, must be valid: ChatApiTests checks that).</summary>
    public static readonly IReadOnlyList<(string Method, string Path)> Public =
    [
        ("GET", "/api/chat/rooms"),
        ("GET", "/api/chat/rooms/lobby"),
        ("GET", "/api/chat/rooms/lobby/messages"),
        ("GET", "/api/chat/messages/1"),
    ];

    public static TheoryData<string, string> Endpoints => [.. All];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Answers401Problem(string method, string path)
    {
        var before = await SnapshotAsync();

        var response = await app.NoRedirectClient().SendAsync(Request(method, path), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithOnlyThePagesCookie_Answers401(string method, string path)
    {
        var (client, _) = await app.SignInAsync("alice", ForumAppFactory.DemoPassword);
        var before = await SnapshotAsync();

        var response = await client.SendAsync(Request(method, path), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Endpoint_WithAGarbledToken_Answers401() =>
        await ApiAssert.ProblemAsync(await app.WithToken("not.a.token").GetAsync("/api/posts", Ct), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Write_WithBodyOverTheLimit_Answers413AndStoresNothing()
    {
        var client = await app.ClientForAsync("alice");
        var before = await SnapshotAsync();
        var huge = $$"""{"body":"{{new string('x', 600_000)}}"}""";

        var response = await client.PostAsync("/api/posts/1/comments", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);

        Assert.Contains("512 KB", (await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge)).Detail);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Write_LargestPostARuleAllows_FitsTheBodyLimit()
    {
        var client = await app.ClientForAsync("alice");
        // 10,000 characters of 4 UTF-16 units each (an emoji with a skin tone), every unit escaped as \uXXXX by the client.
        var body = string.Concat(Enumerable.Repeat("👍🏽", PostRules.BodyMax));
        var json = System.Text.Json.JsonSerializer.Serialize(new { title = "Big", year = 2000, genres = new[] { "Drama" }, body },
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        Assert.True(json.Length > 200_000);

        var response = await client.PostAsync("/api/posts", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Write_ChunkedBodyWithoutLength_IsReadUpToTheLimitOverARealSocket()
    {
        using var kestrel = new KestrelForumApp();
        var client = kestrel.NoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await kestrel.App.TokenAsync("alice"));
        var before = (await kestrel.App.Get<CommentQueries>().ListForPostAsync(1, Ct)).Count;

        var small = await client.PostAsync("/api/posts/1/comments", new ChunkedJson("""{"body":"Sent in chunks"}"""), Ct);
        var huge = await client.PostAsync("/api/posts/1/comments", new ChunkedJson($$"""{"body":"{{new string('x', 600_000)}}"}"""), Ct);

        await ApiAssert.JsonAsync(small, HttpStatusCode.Created);
        Assert.Contains("512 KB", (await ApiAssert.ProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge)).Detail);
        Assert.Equal(before + 1, (await kestrel.App.Get<CommentQueries>().ListForPostAsync(1, Ct)).Count);
    }

    /// <summary>A JSON body of unknown length, so the client sends it chunked (Transfer-Encoding, no Content-Length).</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJson(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("""{"body":"x","title":"x","text":"x"}""", Encoding.UTF8, "application/json"),
    };

    private async Task<(int Posts, int Comments, int Unread)> SnapshotAsync()
    {
        var posts = (await app.Get<PostQueries>().ListAsync(new PostQuery(Take: 100), Ct)).Items;
        var comments = (await app.Get<CommentQueries>().ListForPostAsync(1, Ct)).Count;
        var unread = (await app.Get<Forum.Data.Messages.MessageService>().GetUnreadAsync((await app.UserIdAsync("alice"))!, Ct)).Count;
        return (posts.Count, comments + posts.Sum(p => p.CommentCount), unread);
    }
}
