using System.Net;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration;

public sealed class PagesTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private HttpClient Client() => app.NoRedirectClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/?sort=discussed&genre=Drama")]
    [InlineData("/posts/1")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task Page_Anonymous_Answers200(string path)
    {
        var response = await Client().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HomePage_SeededDatabase_ListsDemoMovies()
    {
        var html = await Client().GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Paddington 2", html);
        Assert.Contains("Load more", html);
    }

    [Fact]
    public async Task HomePage_GenreFilter_ShowsOnlyThatGenre()
    {
        var html = await Client().GetStringAsync("/?genre=Western", TestContext.Current.CancellationToken);
        Assert.Contains("No Country for Old Men", html);
        Assert.DoesNotContain("Paddington 2", html);
    }

    [Fact]
    public async Task PostPage_UnknownId_Answers404WithFriendlyPage()
    {
        var response = await Client().GetAsync("/posts/987654", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that page", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/messages")]
    [InlineData("/posts/new")]
    public async Task MemberPage_Anonymous_RedirectsToLogin(string path)
    {
        var response = await Client().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task PostPage_Anonymous_OffersLoginInsteadOfCommentForm()
    {
        var html = await Client().GetStringAsync("/posts/1", TestContext.Current.CancellationToken);
        Assert.Contains("login-to-comment", html);
        Assert.DoesNotContain("comment-submit", html);
    }
}
