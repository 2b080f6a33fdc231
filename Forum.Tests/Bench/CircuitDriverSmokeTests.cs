extern alias bench;

using bench::Forum.Bench.Circuits.Client;
using bench::Forum.Bench.Circuits.Run;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Bench;

/// <summary>
/// A short run of the circuits load driver against the app on a real socket: if the Blazor protocol, the login form
/// or the badge markup change under it, this fails here instead of in the next benchmark.
/// </summary>
public sealed class CircuitDriverSmokeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommentOnPostOfMemberWithTwoTabs_NewCountArrivesInBothTabs()
    {
        await using var app = new ForumAppFactory();
        var baseUri = new Uri(app.StartKestrel());
        var alicePost = await app.Get<PostService>().CreateAsync(await app.UserIdAsync("alice"),
            new NewPost("Stalker", 1979, ["Sci-Fi", "Drama"], "Three men walk into the Zone to find a room that grants wishes."), Ct);
        using var http = MemberClient.CreateSharedHttp();
        var tracker = new BadgeTracker();
        var alice = new LoadMember(new MemberClient(http, baseUri, "alice", ForumAppFactory.DemoPassword), alicePost);
        var bob = new LoadMember(new MemberClient(http, baseUri, "bob", ForumAppFactory.DemoPassword), postId: 0);
        await alice.Client.LogInAsync(Ct);
        await bob.Client.LogInAsync(Ct);

        var tabs = new List<CircuitTab>();
        foreach (var member in new[] { alice, alice, bob, bob })
            tabs.Add(await LoadRun.OpenTabAsync(member, "/", tracker, Ct));
        // The count the badge shows comes from the server; a tab's first batch may arrive before the badge loaded it.
        var before = (await app.Get<Forum.Data.Messages.MessageService>().GetUnreadAsync((await app.UserIdAsync("alice"))!, Ct)).Count;
        alice.UnreadCount = before;
        try
        {
            var writer = await CommentWriter.CreateAsync(bob.Client, Ct);
            await tracker.PostAndWatchAsync(alice, writer, TimeSpan.FromSeconds(10), Ct);

            var figures = tracker.TakeFigures();
            Assert.Equal(0, figures.FailedPosts);
            Assert.Equal(2, figures.Expected);
            Assert.Equal(2, figures.Delivered);
            Assert.Equal(before + 1, alice.UnreadCount);
            Assert.All(tabs, t => Assert.Null(t.DroppedReason));
            // The home page is several components beyond its one root (router, layout, badge, menu): the batches were read.
            Assert.All(tabs, t => Assert.True(t.Components > 8, $"{t.Components} components"));
        }
        finally
        {
            foreach (var tab in tabs) await tab.CloseAsync(Ct);
        }
    }
}
