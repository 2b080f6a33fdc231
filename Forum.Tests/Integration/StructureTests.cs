using System.Net;
using AngleSharp.Html.Parser;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

/// <summary>
/// The landmarks (header, main, nav) on the main pages, the titles of the profile and filtered home pages, and the
/// profile's 404. One h1 and a title per page: PageHeadingTests.
/// </summary>
public sealed class StructureTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/posts/1")]
    [InlineData("/u/carol")]
    [InlineData("/not-found")]
    [InlineData("/messages")]
    public async Task Page_SignedIn_HasTheLandmarksAndAnnouncesTheBell(string path)
    {
        var document = await ParseAsync((await app.SignInAsync("alice", ForumAppFactory.DemoPassword)).Client, path);

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
    public async Task Page_Anonymous_HasTheLandmarks(string path)
    {
        var document = await ParseAsync(app.NoRedirectClient(), path);
        Assert.NotNull(document.QuerySelector("header nav"));
        Assert.Single(document.QuerySelectorAll("main"));
        Assert.NotNull(document.QuerySelector("main h1"));
    }

    [Theory]
    [InlineData("/u/carol", "Carol Díaz (carol) · Forum", "Carol Díaz")]
    [InlineData("/?sort=discussed&genre=Drama", "Drama movies, most discussed · Forum", "Drama movies")]
    public async Task Page_TitleAndHeading_SayWhatIsShown(string path, string title, string heading)
    {
        var document = await ParseAsync(app.NoRedirectClient(), path);
        Assert.Equal(title, document.Title);
        Assert.Equal(heading, Assert.Single(document.QuerySelectorAll("h1")).TextContent.Trim());
    }

    [Fact]
    public async Task ProfilePage_UnknownMember_Answers404WithTheFriendlyPage()
    {
        var response = await app.NoRedirectClient().GetAsync("/u/nobody-by-that-name", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(HttpClient client, string path) =>
        await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path, Ct));

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
