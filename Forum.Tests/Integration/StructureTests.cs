using System.Net;
using AngleSharp.Html.Parser;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>Every main page has one h1, a title of its own, and the header, main and nav landmarks.</summary>
public sealed class StructureTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "Movies · Forum", "Movies")]
    [InlineData("/?sort=discussed&genre=Drama", "Drama movies, most discussed · Forum", "Drama movies")]
    [InlineData("/posts/1", "The Godfather (1972) · Forum", "The Godfather")]
    [InlineData("/u/carol", "Carol Díaz (carol) · Forum", "Carol Díaz")]
    [InlineData("/not-found", "Not found · Forum", "We couldn't find that page")]
    [InlineData("/messages", "My messages · Forum", "My messages")]
    public async Task Page_SignedIn_HasOneH1ItsOwnTitleAndTheLandmarks(string path, string title, string heading)
    {
        var client = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormClient.LogInAsync(client, "alice", ForumAppFactory.DemoPassword)).StatusCode);

        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path, Ct));

        Assert.Equal(title, document.Title);
        Assert.Equal(heading, Assert.Single(document.QuerySelectorAll("h1")).TextContent.Trim());
        Assert.Single(document.QuerySelectorAll("header"));
        Assert.Single(document.QuerySelectorAll("main"));
        Assert.NotNull(document.QuerySelector("header nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("main h1"));
        Assert.Equal("polite", document.QuerySelector("#unread-announcement")?.GetAttribute("aria-live"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/posts/2")]
    [InlineData("/u/bob")]
    public async Task Page_Anonymous_HasOneH1AndTheLandmarks(string path)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await app.NoRedirectClient().GetStringAsync(path, Ct));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.EndsWith(" · Forum", document.Title);
        Assert.NotNull(document.QuerySelector("header nav"));
        Assert.Single(document.QuerySelectorAll("main"));
    }

    [Fact]
    public async Task ProfilePage_UnknownMember_Answers404WithTheFriendlyPage()
    {
        var response = await app.NoRedirectClient().GetAsync("/u/nobody-by-that-name", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task PostPage_SeededThread_TalksAboutItsOwnFilmWithProfileLinks()
    {
        var parasite = (await app.Get<PostQueries>().ListAsync(new PostQuery(Take: 100), Ct)).Items.Single(p => p.Title == "Parasite");
        var document = await new HtmlParser().ParseDocumentAsync(await app.NoRedirectClient().GetStringAsync($"/posts/{parasite.Id}", Ct));

        Assert.Contains(document.QuerySelectorAll(".comment-body"), c => c.TextContent.Contains("Jessica, only child"));
        Assert.All(document.QuerySelectorAll(".comment-author"), a => Assert.StartsWith("/u/", a.GetAttribute("href")));
        Assert.StartsWith("/u/", document.QuerySelector(".post-author")!.GetAttribute("href"));
    }
}
