extern alias bench;

using System.Net;
using System.Security.Claims;
using System.Text.Json;
using bench::Forum.Bench.Circuits.Client;
using bench::Forum.Bench.Circuits.Run;
using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Forum.Tests.Realtime.Redis;

public sealed class TwoNodeOnSqliteTests(TwoNodeCluster cluster) : TwoNodeTests<TwoNodeCluster>(cluster);

public sealed class TwoNodeOnPostgresTests(TwoNodeClusterOnPostgres cluster) : TwoNodeTests<TwoNodeClusterOnPostgres>(cluster);

/// <summary>Two nodes, one database, one Redis: a write on one node shows on the other; a cookie works on both.</summary>
public abstract class TwoNodeTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : TwoNodeCluster
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Comment_OnNodeB_ReachesASocketAndACircuitOnNodeAWithTheRightCount()
    {
        var thread = await LiveScenario.CreateAsync(cluster.B);
        var onA = new Received();
        using (onA.Follow(cluster.A.Get<INotificationBus>(), Topics.User(thread.OwnerId)))
        {
            await thread.CommentAsync("an earlier one");
            // Node A has delivered it before the socket opens, so the socket's first notification is the next comment.
            await Eventually.TrueAsync(() => onA.Count<UnreadChanged>() == 1, "node A has the earlier comment", 20_000);
        }
        await using var socket = await cluster.A.SignedInSocketAsync(thread.Owner);
        await using var circuit = CircuitOn(cluster.A, thread.OwnerId);
        var badge = circuit.Render<UnreadBadge>(p => p.Add(b => b.UserId, thread.OwnerId));
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));

        var comment = await thread.CommentAsync("Written on node B");

        var entry = await socket.NextAsync("notification");
        Assert.Equal((comment.Id, "Written on node B"), (entry.GetProperty("commentId").GetInt32(), entry.GetProperty("excerpt").GetString()));
        var count = await socket.NextAsync();
        Assert.Equal(("message", 2), (count.GetProperty("event").GetString(), count.GetProperty("message").GetInt32()));
        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("#unread-count").TextContent));
        await socket.ExpectQuietAsync();
    }

    [Fact]
    public async Task Comment_PostedToNodeB_ReachesBothRealCircuitsOfTheAuthorOnNodeA()
    {
        var thread = await LiveScenario.CreateAsync(cluster.B);
        using var http = MemberClient.CreateSharedHttp();
        var tracker = new BadgeTracker();
        var owner = new LoadMember(new MemberClient(http, new Uri(cluster.A.BaseUrl), thread.Owner, AccountClient.Password), thread.PostId);
        var writer = new LoadMember(new MemberClient(http, new Uri(cluster.B.BaseUrl), thread.Writer, AccountClient.Password), postId: 0);
        await owner.Client.LogInAsync(Ct);
        await writer.Client.LogInAsync(Ct);
        var tabs = new List<CircuitTab>();
        try
        {
            // Two browser tabs of the author on node A: real circuits (prerender, /_blazor, render batches acknowledged).
            for (var i = 0; i < 2; i++) tabs.Add(await LoadRun.OpenTabAsync(owner, "/", tracker, Ct));

            await tracker.PostAndWatchAsync(owner, await CommentWriter.CreateAsync(writer.Client, Ct), TimeSpan.FromSeconds(10), Ct);

            var figures = tracker.TakeFigures();
            Assert.Equal((0, 2, 2), (figures.FailedPosts, figures.Expected, figures.Delivered));
            Assert.Equal(1, owner.UnreadCount);
            Assert.All(tabs, t => Assert.Null(t.DroppedReason));
        }
        finally
        {
            foreach (var tab in tabs) await tab.CloseAsync(Ct);
        }
    }

    [Fact]
    public async Task Cookie_IssuedByNodeA_SignsInOnNodeB()
    {
        var name = $"cookie{Guid.NewGuid():N}"[..14];
        await cluster.A.AddMemberAsync(name);
        var (_, cookie) = await AccountClient.SignInAsync(cluster.A.SocketClient(), name);

        using var anonymous = cluster.B.SocketClient();
        using var replay = cluster.B.ReplayClient(cookie);
        var refused = await anonymous.GetAsync("/Account/Sessions", Ct);
        var accepted = await replay.GetAsync("/Account/Sessions", Ct);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task RedisRestart_CommentDuringTheOutage_EveryBadgeEndsRightWithNoDuplicate()
    {
        var thread = await LiveScenario.CreateAsync(cluster.B);
        await using var socket = await cluster.A.SignedInSocketAsync(thread.Owner);
        await using var circuit = CircuitOn(cluster.A, thread.OwnerId);
        var badge = circuit.Render<UnreadBadge>(p => p.Add(b => b.UserId, thread.OwnerId));
        var nodeA = cluster.A.Get<RedisNotificationBus>();
        // One comment seen live first, so the socket knows where it is and catches up with what follows.
        var seen = await thread.CommentAsync("Seen live");
        Assert.Equal(seen.Id, (await socket.NextAsync("notification")).GetProperty("commentId").GetInt32());
        Assert.Equal(1, (await socket.NextAsync("message")).GetInt32());
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));

        await cluster.Redis.StopAsync();
        var missed = await thread.CommentAsync("Written while Redis was down");
        await Eventually.TrueAsync(() => !nodeA.Subscribed, "node A notices the outage", 10_000);
        Assert.Equal("1", badge.Find("#unread-count").TextContent);
        await cluster.Redis.StartAsync();

        var entry = await socket.NextAsync("notification", 20_000);
        Assert.Equal(missed.Id, entry.GetProperty("commentId").GetInt32());
        Assert.Equal(2, (await socket.NextAsync("message")).GetInt32());
        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("#unread-count").TextContent), TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => nodeA.Subscribed && cluster.B.Get<RedisNotificationBus>().Subscribed, "both nodes are back", 10_000);
        var after = await DrainAsync(socket);
        Assert.DoesNotContain(after, f => f.GetProperty("event").GetString() == "notification");
        Assert.All(after.Where(f => f.GetProperty("event").GetString() == "message"), f => Assert.Equal(2, f.GetProperty("message").GetInt32()));
        Assert.Equal("2", badge.Find("#unread-count").TextContent);
        Assert.Equal(2, (await cluster.A.Get<MessageService>().GetUnreadAsync(thread.OwnerId, Ct)).Count);
    }

    [Fact]
    public async Task Health_OnEachNode_ReportsTheDatabaseAndTheRedisBus()
    {
        foreach (var node in new[] { cluster.A, cluster.B })
        {
            using var client = node.SocketClient();
            var body = JsonDocument.Parse(await client.GetStringAsync("/health", Ct)).RootElement;
            var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
            Assert.Equal("redis", checks["bus"].GetProperty("data").GetProperty("mode").GetString());
            Assert.Equal(node.Get<RedisNotificationBus>().NodeId, checks["bus"].GetProperty("data").GetProperty("node").GetString());
        }
    }

    /// <summary>Frames that arrive within a second (pings aside), for checks that nothing more came.</summary>
    private static async Task<List<JsonElement>> DrainAsync(LiveSocket socket)
    {
        var frames = new List<JsonElement>();
        await Task.Delay(1000, Ct);
        while (true)
        {
            try { frames.Add(await socket.NextAsync(200)); }
            catch (Xunit.Sdk.FailException) { return frames; }
        }
    }

    /// <summary>A Blazor circuit's services on <paramref name="node"/>: its bus and message service.</summary>
    private static BunitContext CircuitOn(ClusterNode node, string userId)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(node.Get<INotificationBus>());
        context.Services.AddSingleton(node.Get<MessageService>());
        context.Services.AddScoped<UnreadState>();
        var auth = context.AddAuthorization();
        auth.SetAuthorized("owner");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return context;
    }
}
