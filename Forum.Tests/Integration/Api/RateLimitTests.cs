using System.Net;
using System.Net.Http.Json;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Forum.Tests.Integration.Api;

/// <summary>Token requests per address and per user name, and writes per member, end in 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_PerUserName_RefusesTheNameButNotOthers()
    {
        await using var app = new LimitedApp(("TokenPerUserName", "2"), ("TokenPerAddress", "100"));
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, "carol", "wrong")).StatusCode);

        var limited = await TokenAsync(app, " CAROL ", ForumAppFactory.DemoPassword);
        var other = await TokenAsync(app, "dave", ForumAppFactory.DemoPassword);

        await AssertLimitedAsync(limited, "user name");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Token_PerAddress_RefusesEveryNameFromThatAddress()
    {
        await using var app = new LimitedApp(("TokenPerUserName", "100"), ("TokenPerAddress", "3"));
        foreach (var name in new[] { "alice", "bob", "carol" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, name, "guess")).StatusCode);

        await AssertLimitedAsync(await TokenAsync(app, "dave", ForumAppFactory.DemoPassword), "address");
    }

    [Fact]
    public async Task Writes_PerMember_RefuseTheFourthAndStoreNothingWhileReadsAndOthersGoOn()
    {
        await using var app = new LimitedApp(("WritesPerMember", "3"));
        var alice = await app.ClientForAsync("alice");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("/api/messages/read-all", null, Ct)).StatusCode);
        var before = (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count;

        var refused = await alice.PostAsJsonAsync("/api/posts/2/comments", new { body = "One too many" }, Ct);
        // A fresh token is the same member: the limit follows the member, not the token.
        var freshToken = await (await app.ClientForAsync("alice")).PostAsync("/api/messages/read-all", null, Ct);

        await AssertLimitedAsync(refused, "writes");
        Assert.Equal(HttpStatusCode.TooManyRequests, freshToken.StatusCode);
        Assert.Equal(before, (await app.Get<CommentQueries>().ListForPostAsync(2, Ct)).Count);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/messages/unread", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientForAsync("bob")).PostAsJsonAsync("/api/posts/2/comments", new { body = "Mine" }, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("WindowSeconds", "0")]
    [InlineData("WritesPerMember", "-1")]
    [InlineData("TokenPerAddress", "lots")]
    public void Start_WithAnInvalidLimit_Fails(string key, string value)
    {
        using var app = new LimitedApp((key, value));

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("RateLimit", error.ToString());
    }

    private static Task<HttpResponseMessage> TokenAsync(ForumAppFactory app, string name, string password) =>
        app.NoRedirectClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password }, Ct);

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string says)
    {
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Contains(says, problem.Detail);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 3600);
    }

    /// <summary>The app with some limits lowered (the window is an hour, so nothing refills during a test).</summary>
    private sealed class LimitedApp(params (string Key, string Value)[] limits) : ForumAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var settings = limits.ToDictionary(l => $"Forum:Api:RateLimits:{l.Key}", l => (string?)l.Value);
            settings.TryAdd("Forum:Api:RateLimits:WindowSeconds", "3600");
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        }
    }
}
