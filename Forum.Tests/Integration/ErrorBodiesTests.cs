using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>As deployed (Production): every API error says what was wrong in problem+json; every unknown page is the friendly one.</summary>
public sealed class ErrorBodiesTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{\"body\":", "$.body")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"body\":123}", "$.body")]
    [InlineData("{\"body\":\"ok\",\"requestId\":\"not-a-guid\"}", "$.requestId")]
    public async Task MalformedJsonBody_Answers400ProblemNamingTheField(string json, string named)
    {
        var client = await SignedInAsync();
        var response = await client.PostAsync("/api/posts/1/comments", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.Detail);
        Assert.DoesNotContain("System.", problem.Detail);
    }

    [Theory]
    [InlineData("/api/posts?sort=Bogus", "'sort'")]
    [InlineData("/api/posts?limit=abc", "'limit'")]
    [InlineData("/api/messages?limit=9999999999", "'limit'")]
    [InlineData("/api/posts?cursor=%25%25", "cursor")]
    [InlineData("/api/messages?cursor=AAAA", "cursor")]
    [InlineData("/api/posts/1/comments?cursor=" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", "cursor")]
    public async Task MalformedQuery_Answers400ProblemNamingTheParameter(string path, string named)
    {
        var problem = await AssertProblemAsync(await (await SignedInAsync()).GetAsync(path, Ct), HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.Detail);
    }

    [Fact]
    public async Task TextPlainBody_Answers415ProblemSayingSendJson()
    {
        var client = await SignedInAsync();
        var response = await client.PostAsync("/api/posts/1/comments", new StringContent("hello", Encoding.UTF8, "text/plain"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.Detail);
    }

    [Theory]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/api/messages", HttpStatusCode.Unauthorized)]
    public async Task EmptyAnswers_BecomeProblems(string path, HttpStatusCode status) =>
        await AssertProblemAsync(await app.NoRedirectClient().GetAsync(path, Ct), status);

    [Theory]
    [InlineData("/posts/abc")]
    [InlineData("/posts/99999999999")]
    [InlineData("/not-a-page")]
    [InlineData("/posts/999999")]
    public async Task UnknownPage_Answers404WithTheFriendlyPage(string path)
    {
        var response = await app.NoRedirectClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<HttpClient> SignedInAsync() => app.ClientForAsync("carol");

    private static async Task<Problem> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<Problem>(Ct))!;
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }

    private sealed record Problem(string Title, int Status, string Detail);
}
