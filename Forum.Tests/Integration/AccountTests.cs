using System.Net;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

public sealed class AccountTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Client() => app.NoRedirectClient();

    [Fact]
    public async Task Register_ValidForm_SignsInAndShowsDisplayName()
    {
        var client = Client();
        var response = await FormClient.SubmitAsync(client, "/Account/Register?returnUrl=%2F", "register", new()
        {
            ["Input.UserName"] = "newbie", ["Input.DisplayName"] = "New Member", ["Input.Email"] = "newbie@example.com",
            ["Input.Password"] = "Newbie-pass-1", ["Input.ConfirmPassword"] = "Newbie-pass-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetStringAsync("/", Ct);
        Assert.Contains("New Member", home);
        Assert.Contains("id=\"signed-in-as\"", home);
    }

    [Fact]
    public async Task Login_DemoAccountByNameOrEmail_SignsIn()
    {
        foreach (var name in new[] { "bob", "bob@forum.local" })
        {
            var client = Client();
            var response = await FormClient.LogInAsync(client, name, ForumAppFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Bob Chen", await client.GetStringAsync("/", Ct));
        }
    }

    [Fact]
    public async Task Logout_SignedIn_SignsOut()
    {
        var (client, _) = await app.SignInAsync("carol", ForumAppFactory.DemoPassword);
        Assert.Contains("id=\"signed-in-as\"", await client.GetStringAsync("/", Ct));

        var response = await AccountClient.SignOutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("id=\"signed-in-as\"", await client.GetStringAsync("/", Ct));
    }

    [Theory]
    [InlineData("/Account/Login", "/")]
    [InlineData("/Account/Login?returnUrl=%2Fposts%2F2", "/posts/2")]
    [InlineData("/Account/Register", "/")]
    [InlineData("/Account/Register?returnUrl=%2Fposts%2F2", "/posts/2")]
    [InlineData("/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F", "/")]
    public async Task AccountPage_SignedIn_SendsTheMemberOn(string page, string expected)
    {
        var (client, _) = await app.SignInAsync("dave", ForumAppFactory.DemoPassword);

        var response = await client.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }

    [Theory]
    [InlineData("/messages", "/")]
    [InlineData("/posts/new", "/")]
    [InlineData("/posts/2", "/posts/2")]
    [InlineData("/?genre=Drama", "/?genre=Drama")]
    public async Task Logout_FromAPage_LandsWhereAVisitorMayBe(string from, string expected)
    {
        var (client, _) = await app.SignInAsync("frank", ForumAppFactory.DemoPassword);

        var response = await AccountClient.SignOutAsync(client, returnUrl: from);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }
}
