using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>User text stays text, and bad requests get a clear 4xx that changes nothing.</summary>
public sealed class SafetyTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private const string Script = "<script>alert('x')</script>";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Client() => app.NoRedirectClient();

    private Task<HttpClient> SignedInAsync(string name) => app.ClientForAsync(name);

    [Fact]
    public async Task PostAndCommentMarkup_IsRenderedAsText()
    {
        var frank = (await app.UserIdAsync("frank"))!;
        var id = await app.Get<PostService>().CreateAsync(frank, new NewPost($"Title {Script}", 2001, ["Drama"], $"Body {Script}"), Ct);
        await app.Get<CommentService>().AddAsync(frank, new NewComment(id, $"Comment {Script}"), Ct);

        var html = await Client().GetStringAsync($"/posts/{id}", Ct);
        Assert.DoesNotContain(Script, html);
        Assert.Contains("Comment &lt;script&gt;", html);
        Assert.Contains("Body &lt;script&gt;", html);
    }

    [Fact]
    public async Task ReplyToCommentOfAnotherPost_Answers400AndStoresNothing()
    {
        var client = await SignedInAsync("erin");
        var elsewhere = (await app.Get<CommentQueries>().ListForPostAsync(1, Ct))[0];
        var before = (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count;

        var response = await client.PostAsJsonAsync("/api/posts/2/comments", new { body = "Lost reply", parentId = elsewhere.Id }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("same post", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count);
    }

    [Theory]
    [InlineData("{ not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("body=forged", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task MalformedOrFormWrite_IsRefused(string body, string contentType, HttpStatusCode expected)
    {
        var client = await SignedInAsync("erin");
        var response = await client.PostAsync("/api/posts/2/comments", new StringContent(body, Encoding.UTF8, contentType), Ct);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ReadAllWithoutJson_IsRefusedAsPossibleForgery()
    {
        var client = await SignedInAsync("erin");
        var response = await client.PostAsync("/api/messages/read-all", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\tevil")]
    public async Task LoginReturnUrl_Foreign_RedirectsHome(string returnUrl)
    {
        var client = Client();
        var response = await FormClient.SubmitAsync(client, $"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new() { ["Input.Name"] = "erin", ["Input.Password"] = ForumAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Host, target.Host);
        Assert.Equal("/", target.AbsolutePath);
    }
}
