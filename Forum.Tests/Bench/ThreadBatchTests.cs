extern alias bench;

using bench::Forum.Bench.Circuits.Client;
using bench::Forum.Bench.Circuits.Run;
using Forum.App.Features.Comments;
using Forum.Data;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Bench;

/// <summary>
/// B5 on a real circuit (the load driver's client, no browser): a comment arriving in an open thread renders what
/// changed — its card and the count — so the render batch weighs the same in a thread of 3 comments and of 1,000, and
/// the long thread keeps a page of components, not a thousand.
/// </summary>
public sealed class ThreadBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewComment_InAThreadOf3AndOf1000_SameBatchAndBoundedComponents()
    {
        await using var app = new ForumAppFactory();
        var baseUri = new Uri(app.StartKestrel());
        var (alice, bob) = ((await app.UserIdAsync("alice"))!, (await app.UserIdAsync("bob"))!);
        using var http = MemberClient.CreateSharedHttp();
        var reader = new LoadMember(new MemberClient(http, baseUri, "alice", ForumAppFactory.DemoPassword), 0);
        var writer = new LoadMember(new MemberClient(http, baseUri, "bob", ForumAppFactory.DemoPassword), 0);
        await reader.Client.LogInAsync(Ct);
        await writer.Client.LogInAsync(Ct);
        writer.Writer = await CommentWriter.CreateAsync(writer.Client, Ct);

        var shortThread = await ThreadAsync(app, alice, bob, 3);
        var longThread = await ThreadAsync(app, alice, bob, 1000);
        var shortFigures = await ProbeAsync(reader, writer, shortThread);
        var longFigures = await ProbeAsync(reader, writer, longThread);

        Assert.Equal(shortFigures.Expected, shortFigures.Delivered);
        Assert.Equal(longFigures.Expected, longFigures.Delivered);
        // The same edits either way: the new card and the count (ids differ by a digit or so).
        Assert.InRange(longFigures.Batch.Max, shortFigures.Batch.P50 * 0.9, shortFigures.Batch.P50 * 1.1);
        // A page of cards plus the frame, whatever the thread's length.
        Assert.InRange(longFigures.Components, 1, CommentWindow.PageSize + 40);
    }

    /// <summary>A post with a thread of <paramref name="comments"/>; the page is opened through a link to its last comment.</summary>
    private static async Task<string> ThreadAsync(ForumAppFactory app, string alice, string bob, int comments)
    {
        var post = await app.Get<PostService>().CreateAsync(alice, new NewPost($"Thread of {comments}", 2001, ["Drama"], "Talk."), Ct);
        var ids = await ThreadSeed.AddAsync(app.Get<IDbContextFactory<ForumDbContext>>(), post, [alice, bob], comments, DateTime.UtcNow, Ct);
        return $"/posts/{post}#c{ids[^1]}";
    }

    private static async Task<ThreadFigures> ProbeAsync(LoadMember reader, LoadMember writer, string page)
    {
        var probe = new ThreadProbe(new BadgeTracker());
        var tabs = new List<CircuitTab>();
        try
        {
            for (var i = 0; i < 2; i++) tabs.Add(await LoadRun.OpenTabAsync(reader, page, probe, Ct));
            var postId = int.Parse(page["/posts/".Length..page.IndexOf('#')]);
            return await probe.RunAsync(writer, postId, page, tabs, comments: 3, opens: 2, Ct);
        }
        finally
        {
            foreach (var tab in tabs) await tab.CloseAsync(Ct);
        }
    }
}
