using System.Net;
using Forum.Data.Users;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>/api/users/{userName}: a member's profile, posts and comments, as on their profile page.</summary>
public sealed class UsersApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("carol")]
    [InlineData("CAROL")]
    public async Task GetUser_AnyLetterCase_AnswersTheProfile(string name)
    {
        var user = await ApiAssert.JsonAsync(await (await app.ClientForAsync("alice")).GetAsync($"/api/users/{name}", Ct));

        var profile = (await app.Get<ProfileQueries>().GetAsync("carol", Ct))!;
        Assert.Equal(("carol", "Carol Díaz", profile.PostCount, profile.CommentCount),
            (user.Str("userName"), user.Str("displayName"), user.Int("postCount"), user.Int("commentCount")));
        Assert.EndsWith("Z", user.Str("joinedAt"));
        Assert.False(user.TryGetProperty("email", out _));
        Assert.False(user.TryGetProperty("userId", out _));
    }

    [Theory]
    [InlineData("/api/users/nobody-here")]
    [InlineData("/api/users/nobody-here/posts")]
    [InlineData("/api/users/nobody-here/comments")]
    public async Task UnknownMember_Answers404(string path) =>
        await ApiAssert.ProblemAsync(await (await app.ClientForAsync("alice")).GetAsync(path, Ct), HttpStatusCode.NotFound);

    [Theory]
    [InlineData("posts")]
    [InlineData("comments")]
    public async Task UserLists_FollowingNext_WalkEverythingNewestFirstOnce(string list)
    {
        var client = await app.ClientForAsync("alice");
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await client.GetAsync($"/api/users/bob/{list}?limit=3&cursor={cursor}", Ct));
            ids.AddRange(page.Items().Select(i => i.Int("id")));
            cursor = page.Next();
        } while (cursor is not null);

        var profile = (await app.Get<ProfileQueries>().GetAsync("bob", Ct))!;
        Assert.Equal(list == "posts" ? profile.PostCount : profile.CommentCount, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.True(ids.Count > 3);
    }

    [Fact]
    public async Task UserComments_EachSaysWhereItWasWritten()
    {
        var page = await ApiAssert.JsonAsync(await (await app.ClientForAsync("alice")).GetAsync("/api/users/bob/comments?limit=5", Ct));

        Assert.All(page.Items(), c =>
        {
            Assert.True(c.Int("postId") > 0);
            Assert.False(string.IsNullOrEmpty(c.Str("postTitle")));
            Assert.False(string.IsNullOrEmpty(c.Str("excerpt")));
        });
    }

    [Fact]
    public async Task UserLists_CursorFromAnotherMembersList_Answers400()
    {
        var client = await app.ClientForAsync("alice");
        var bobs = (await ApiAssert.JsonAsync(await client.GetAsync("/api/users/bob/posts?limit=1", Ct))).Next();

        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/users/carol/posts?cursor={bobs}", Ct), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/users/bob/comments?cursor={bobs}", Ct), HttpStatusCode.BadRequest);
    }
}
