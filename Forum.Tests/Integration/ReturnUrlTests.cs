using System.Net;
using System.Text.RegularExpressions;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>Return addresses with characters a Location header cannot carry are sent percent-encoded, over a real socket.</summary>
public sealed class ReturnUrlTests(KestrelForumApp server) : IClassFixture<KestrelForumApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Location exactly as sent (a Uri would escape it for us and hide the bug).</summary>
    private static string SentPath(HttpResponseMessage response) =>
        Regex.Replace(response.Headers.Location!.OriginalString, "^https?://[^/]+", "");

    [Fact]
    public async Task Login_NonAsciiReturnUrl_RedirectsThereEncoded()
    {
        var client = server.NoRedirectClient();
        var response = await FormClient.SubmitAsync(client, "/Account/Login?ReturnUrl=%2Fcaf%C3%A9", "login",
            new() { ["Input.Name"] = "alice", ["Input.Password"] = ForumAppFactory.DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/caf%C3%A9", SentPath(response));
    }

    [Fact]
    public async Task Logout_NonAsciiReturnUrl_RedirectsThereEncoded()
    {
        var (client, _) = await AccountClient.SignInAsync(server.NoRedirectClient(), "alice", ForumAppFactory.DemoPassword);

        var response = await AccountClient.SignOutAsync(client, returnUrl: "/café?q=süß");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/caf%C3%A9?q=s%C3%BC%C3%9F", SentPath(response));
        Assert.DoesNotContain("id=\"signed-in-as\"", await client.GetStringAsync("/", Ct));
    }
}
