using System.Net;
using System.Net.Http.Json;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>The chat service's refusals as the API answers them: a status a client can branch on and a detail a person can read.</summary>
public sealed class ChatApiRulesTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_SixthMessageWithinTheWindow_Answers429WithRetryAfterAndIsNotStored()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.ClientForAsync(s.Ann.UserName);
        for (var i = 0; i < 5; i++)
            await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = $"line {i}" }, Ct), HttpStatusCode.Created);

        var response = await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "one too many" }, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Contains("too fast", problem.Detail);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 5);
        Assert.Equal(5, (await s.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task Send_SameTextAgainWithinTenSeconds_Answers429ButANewDraftOfOtherTextGoesThrough()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.ClientForAsync(s.Ann.UserName);
        await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "Same" }, Ct), HttpStatusCode.Created);

        var again = await ApiAssert.ProblemAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "Same" }, Ct), HttpStatusCode.TooManyRequests);
        await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = "Different" }, Ct), HttpStatusCode.Created);

        Assert.Contains("same message", again.Detail);
        Assert.Equal(2, (await s.StoredIdsAsync()).Count);
    }

    [Theory]
    [InlineData("""{"text": "   "}""", HttpStatusCode.BadRequest, "cannot be empty")]
    [InlineData("""{"text": "@nobody-at-all are you there?"}""", HttpStatusCode.NotFound, "no member called nobody-at-all, so nothing was sent")]
    [InlineData("""{"text": "@someone"}""", HttpStatusCode.BadRequest, "Write your message after @someone")]
    [InlineData("""{"text": 5}""", HttpStatusCode.BadRequest, "$.text")]
    [InlineData("""{"text": "hi", "requestId": "draft-1"}""", HttpStatusCode.BadRequest, "$.requestId")]
    public async Task Send_Refused_AnswersAProblemAndStoresNothing(string body, HttpStatusCode status, string detail)
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.ClientForAsync(s.Ann.UserName);

        var response = await ann.PostAsync($"/api/chat/rooms/{s.Room}/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Contains(detail, (await ApiAssert.ProblemAsync(response, status)).Detail);
        Assert.Empty(await s.StoredIdsAsync());
    }

    [Fact]
    public async Task Send_TooLong_Answers400NamingTheLimit()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.ClientForAsync(s.Ann.UserName);

        var problem = await ApiAssert.ProblemAsync(
            await ann.PostAsJsonAsync($"/api/chat/rooms/{s.Room}/messages", new { text = new string('a', 1_001) }, Ct), HttpStatusCode.BadRequest);

        Assert.Contains("1,000", problem.Detail);
    }
}
