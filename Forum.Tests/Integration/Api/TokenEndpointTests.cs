using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>POST /api/auth/token: a working token for the right password, one refusal for everything else.</summary>
public sealed class TokenEndpointTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("frank")]
    [InlineData("frank@forum.local")]
    public async Task Token_RightPassword_AnswersABearerTokenThatWorks(string name)
    {
        var response = await app.NoRedirectClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = ForumAppFactory.DemoPassword }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(7200, body.GetProperty("expires_in").GetInt32());
        var me = await app.WithToken(body.GetProperty("access_token").GetString()!).GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("frank", me.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Token_WrongPasswordUnknownNameOrEmpty_SameProblemEveryTime()
    {
        var answers = new List<string>();
        foreach (var attempt in new object[]
                 {
                     new { userName = "frank", password = "wrong-password" }, new { userName = "nobody-here", password = "whatever" },
                     new { userName = "", password = "" }, new { },
                 })
        {
            var response = await app.NoRedirectClient().PostAsJsonAsync("/api/auth/token", attempt, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            answers.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Token_FailedAttempts_CountTowardTheLoginLockout()
    {
        for (var i = 0; i < 5; i++)
            await app.NoRedirectClient().PostAsJsonAsync("/api/auth/token", new { userName = "erin", password = "not-it" }, Ct);

        var right = await app.NoRedirectClient().PostAsJsonAsync("/api/auth/token", new { userName = "erin", password = ForumAppFactory.DemoPassword }, Ct);
        var page = await FormClient.LogInAsync(app.NoRedirectClient(), "erin", ForumAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);
    }
}
