using System.Net;
using System.Text.RegularExpressions;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>Every page says what it is: one h1 (where screen readers land after navigating) and its own title.</summary>
public sealed partial class PageHeadingTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", false, "Movies", "Movies · Forum")]
    [InlineData("/posts/1", false, null, null)]
    [InlineData("/posts/987654", false, "We couldn't find that page", "Not found · Forum")]
    [InlineData("/Account/Login", false, "Log in", "Log in · Forum")]
    [InlineData("/Account/Register", false, "Create an account", "Create an account · Forum")]
    [InlineData("/Error", false, "Something went wrong", "Error · Forum")]
    [InlineData("/messages", true, "My messages", "My messages · Forum")]
    [InlineData("/posts/new", true, "Post a movie", "New post · Forum")]
    [InlineData("/Account/Sessions", true, "Your sessions", "Your sessions · Forum")]
    public async Task Page_HasOneH1AndItsOwnTitle(string path, bool signedIn, string? heading, string? title)
    {
        var client = signedIn ? (await app.SignInAsync("erin", ForumAppFactory.DemoPassword)).Client : app.NoRedirectClient();

        var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        var h1 = Assert.Single(H1().Matches(html));
        // Decoded as a browser does: a title set from text has its "·" written as &#xB7;.
        var titleText = WebUtility.HtmlDecode(Assert.Single(Title().Matches(html)).Groups[1].Value);
        Assert.EndsWith(" · Forum", titleText);
        if (heading is not null) Assert.Equal(heading, WebUtility.HtmlDecode(h1.Groups[1].Value.Trim()));
        if (title is not null) Assert.Equal(title, titleText);
    }

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1();

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
