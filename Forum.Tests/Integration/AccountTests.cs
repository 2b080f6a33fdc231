using System.Net;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

public sealed class AccountTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
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
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("New Member", home);
        Assert.Contains("/Account/Logout", home);
    }

    [Fact]
    public async Task Register_TakenUserNameAndMismatchedPasswords_ShowsErrorsAndCreatesNothing()
    {
        var response = await FormClient.SubmitAsync(Client(), "/Account/Register", "register", new()
        {
            ["Input.UserName"] = "alice", ["Input.DisplayName"] = "Another Alice", ["Input.Email"] = "alice2@example.com",
            ["Input.Password"] = "Alice-pass-1", ["Input.ConfirmPassword"] = "Alice-pass-1",
        });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already taken", html);

        var mismatch = await FormClient.SubmitAsync(Client(), "/Account/Register", "register", new()
        {
            ["Input.UserName"] = "someone", ["Input.DisplayName"] = "Someone", ["Input.Email"] = "someone@example.com",
            ["Input.Password"] = "Some-pass-1", ["Input.ConfirmPassword"] = "Other-pass-1",
        });
        Assert.Contains("The passwords do not match.", await mismatch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Null(await app.UserIdAsync("someone"));
    }

    [Fact]
    public async Task Login_DemoAccountByNameOrEmail_SignsIn()
    {
        foreach (var name in new[] { "bob", "bob@forum.local" })
        {
            var client = Client();
            var response = await FormClient.LogInAsync(client, name, ForumAppFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("Bob Chen", await client.GetStringAsync("/", TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountOut()
    {
        string html = "";
        for (var i = 0; i < 5; i++)
        {
            var response = await FormClient.LogInAsync(Client(), "erin", "wrong-password");
            html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        Assert.Contains("locked", html);

        var right = await FormClient.LogInAsync(Client(), "erin", ForumAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // stays on the form: still locked
    }

    [Fact]
    public async Task Logout_SignedIn_SignsOut()
    {
        var client = Client();
        await FormClient.LogInAsync(client, "carol", ForumAppFactory.DemoPassword);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Carol", home);

        var token = FormClient.AntiforgeryToken(home);
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Carol Díaz", await client.GetStringAsync("/", TestContext.Current.CancellationToken));
    }
}
