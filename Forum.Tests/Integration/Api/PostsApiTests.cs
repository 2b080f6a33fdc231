using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>/api/posts: list, read and create, as a script with a token sees them (edits: PostEditsApiTests).</summary>
public sealed class PostsApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    internal static readonly object Rope = new { title = "Rope", year = 1948, genres = new[] { "Thriller" }, body = "One apartment, one evening." };

    [Fact]
    public async Task ListPosts_FollowingNext_WalksEveryPostNewestFirstOnce()
    {
        var client = await app.ClientForAsync("alice");
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await client.GetAsync($"/api/posts?limit=5&cursor={cursor}", Ct));
            Assert.InRange(page.Items().Length, 1, 5);
            ids.AddRange(page.Items().Select(p => p.Int("id")));
            cursor = page.Next();
        } while (cursor is not null);

        var all = (await app.Get<PostQueries>().ListAsync(new PostQuery(Take: 100), Ct)).Items.Select(p => p.Id);
        Assert.Equal(all, ids);
    }

    [Fact]
    public async Task ListPosts_MostDiscussedInAGenre_OrdersByCommentsWithinTheGenre()
    {
        var client = await app.ClientForAsync("alice");

        var page = await ApiAssert.JsonAsync(await client.GetAsync("/api/posts?sort=MostDiscussed&genre=Drama&limit=100", Ct));

        var items = page.Items();
        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.Contains("Drama", p.GetProperty("genres").EnumerateArray().Select(g => g.GetString())));
        var counts = items.Select(p => p.Int("commentCount")).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Null(page.Next());
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=AQAAAAAAAAAXAAAAAAAAAAaEpU16q1C2qtd4-cg", "cursor")]
    [InlineData("genre=Opera", "Opera")]
    [InlineData("sort=Oldest", "sort")]
    [InlineData("limit=ten", "limit")]
    public async Task ListPosts_BadQuery_Answers400SayingWhat(string query, string named)
    {
        var client = await app.ClientForAsync("alice");

        var problem = await ApiAssert.ProblemAsync(await client.GetAsync($"/api/posts?{query}", Ct), HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.Detail);
    }

    [Fact]
    public async Task ListPosts_EditedOrForeignCursor_Answers400()
    {
        var client = await app.ClientForAsync("alice");
        var next = (await ApiAssert.JsonAsync(await client.GetAsync("/api/posts?limit=2", Ct))).Next()!;
        var bytes = Convert.FromBase64String(next.Replace('-', '+').Replace('_', '/') + new string('=', (4 - next.Length % 4) % 4));
        bytes[8] ^= 1; // another post id, same length
        var edited = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var query in new[] { $"cursor={edited}", $"cursor={next}&sort=MostDiscussed", $"cursor={next}&genre=Drama", $"cursor={next[..^2]}" })
            await ApiAssert.ProblemAsync(await client.GetAsync($"/api/posts?limit=2&{query}", Ct), HttpStatusCode.BadRequest);
        Assert.Equal(2, (await ApiAssert.JsonAsync(await client.GetAsync($"/api/posts?limit=2&cursor={next}", Ct))).Items().Length);
    }

    [Fact]
    public async Task ListPosts_LimitOutOfRange_IsClampedNotRefused()
    {
        var client = await app.ClientForAsync("alice");

        var one = await ApiAssert.JsonAsync(await client.GetAsync("/api/posts?limit=0", Ct));
        var all = await ApiAssert.JsonAsync(await client.GetAsync("/api/posts?limit=100000", Ct));

        Assert.Single(one.Items());
        Assert.NotNull(one.Next());
        Assert.Equal(await CountAsync(), all.Items().Length);
        Assert.Null(all.Next());
    }

    [Fact]
    public async Task CreatePost_Valid_Answers201WithLocationAndThePostInCamelCaseUtc()
    {
        var client = await app.ClientForAsync("carol");

        var response = await client.PostAsJsonAsync("/api/posts", Rope, Ct);

        var post = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/posts/{post.Int("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Rope", 1948, "carol", "Carol Díaz"), (post.Str("title"), post.Int("year"), post.Str("author"), post.Str("authorName")));
        Assert.Equal(["Thriller"], post.GetProperty("genres").EnumerateArray().Select(g => g.GetString()));
        Assert.EndsWith("Z", post.Str("createdAt"));
        var again = await ApiAssert.JsonAsync(await client.GetAsync(response.Headers.Location, Ct));
        Assert.Equal(post.ToString(), again.ToString());
    }

    [Fact]
    public async Task CreatePost_WithIdsAuthorTimesAndCounters_IgnoresThem()
    {
        var client = await app.ClientForAsync("carol");
        var forged = new
        {
            id = 999_999, author = "alice", authorName = "Someone Else", authorId = await app.UserIdAsync("alice"), commentCount = 500,
            createdAt = "2001-01-01T00:00:00Z", editedAt = "2001-01-02T00:00:00Z", title = "Vertigo", year = 1958, genres = new[] { "Mystery" }, body = "Heights.",
        };

        var post = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts", forged, Ct), HttpStatusCode.Created);

        Assert.NotEqual(999_999, post.Int("id"));
        Assert.Equal(("carol", 0), (post.Str("author"), post.Int("commentCount")));
        Assert.True(DateTime.Parse(post.Str("createdAt")).ToUniversalTime() > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, post.GetProperty("editedAt").ValueKind);
        Assert.Null(await app.Get<PostQueries>().GetAsync(999_999, Ct));
    }

    [Fact]
    public async Task CreatePost_SameRequestIdTwice_ReturnsTheFirstPostAndStoresOne()
    {
        var client = await app.ClientForAsync("dave");
        var draft = new { title = "Ikiru", year = 1952, genres = new[] { "Drama" }, body = "A clerk learns he is dying.", requestId = Guid.NewGuid() };
        var before = await CountAsync();

        var first = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts", draft, Ct), HttpStatusCode.Created);
        var second = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts", draft, Ct), HttpStatusCode.Created);

        Assert.Equal(first.Int("id"), second.Int("id"));
        Assert.Equal(before + 1, await CountAsync());
    }

    [Theory]
    [InlineData("""{"title":"","year":1999,"genres":["Drama"],"body":"Text."}""", "title cannot be empty")]
    [InlineData("""{"title":"Old","year":1700,"genres":["Drama"],"body":"Text."}""", "1888")]
    [InlineData("""{"title":"Opera","year":1999,"genres":["Opera"],"body":"Text."}""", "genre")]
    [InlineData("""{"title":"No text","year":1999,"genres":["Drama"]}""", "text cannot be empty")]
    [InlineData("""{"title":"Typed","year":"1999","genres":["Drama"],"body":"Text."}""", "$.year")]
    [InlineData("""{"title":"Typed","year":1999,"genres":"Drama","body":"Text."}""", "$.genres")]
    public async Task CreatePost_BreaksARule_Answers400AndStoresNothing(string json, string says)
    {
        var client = await app.ClientForAsync("dave");
        var before = await CountAsync();

        var response = await client.PostAsync("/api/posts", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Contains(says, (await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest)).Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task GetPost_UnknownId_Answers404Problem() =>
        await ApiAssert.ProblemAsync(await (await app.ClientForAsync("alice")).GetAsync("/api/posts/987654", Ct), HttpStatusCode.NotFound);

    private async Task<int> CountAsync() => (await app.Get<PostQueries>().ListAsync(new PostQuery(Take: 100), Ct)).Items.Count;
}
