using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Tests.Integration.Api;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Admin;

/// <summary>/api/admin: refused for members (403, nothing changes), working for moderators; a ban ends tokens and sockets.</summary>
public sealed class AdminApiTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string token) => AdminClients.Bearer(app, token);

    private Task<HttpClient> ClientAsync(string userName) => AdminClients.BearerAsync(app, userName);

    public static TheoryData<string, string> Admin =>
        [.. ApiAccessTests.All.Where(e => e.Path.StartsWith("/api/admin/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Admin))]
    public async Task AdminEndpoint_MemberToken_Answers403AndChangesNothing(string method, string path)
    {
        var thread = await LiveScenario.CreateAsync(app);
        var comment = await thread.CommentAsync("Keep me");
        var client = await ClientAsync(thread.Writer);
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("/1/", $"/{comment.Id}/").Replace("alice", thread.Owner))
        {
            Content = method is "GET" or "DELETE" ? null
                : JsonContent.Create(new { reason = "No", action = "hide", userName = thread.Owner, minutes = (int?)null }),
        };

        var response = await client.SendAsync(request, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.False((await app.Get<CommentQueries>().GetAsync(comment.Id, Ct))!.Removed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task ReportClaimResolve_ByModerators_HidesTheComment_SecondModeratorGets409()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var comment = await thread.CommentAsync("Buy cheap pills");
        var owner = await ClientAsync(thread.Owner);
        var report = new { kind = "comment", id = comment.Id, reason = "spam", text = "An advert" };

        var response = await owner.PostAsJsonAsync("/api/reports", report, Ct);
        // The case lives under /api/admin, which the reporting member cannot read: no Location to it.
        Assert.Null(response.Headers.Location);
        var filed = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        // The same item named by its id as a string is the same report.
        await ApiAssert.ProblemAsync(await owner.PostAsJsonAsync("/api/reports", report, Ct), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await owner.PostAsJsonAsync("/api/reports",
            new { kind = "comment", id = comment.Id.ToString(), reason = "spam" }, Ct), HttpStatusCode.Conflict);
        var caseId = filed.Long("caseId");
        var mod = await ClientAsync("mod");
        var admin = await ClientAsync("admin");

        var queue = await ApiAssert.JsonAsync(await mod.GetAsync("/api/admin/reports?limit=100", Ct));
        Assert.Contains(queue.Items(), c => c.Long("id") == caseId && c.GetProperty("item").Str("text") == "Buy cheap pills");
        var claimed = await ApiAssert.JsonAsync(await mod.PostAsync($"/api/admin/reports/{caseId}/claim", null, Ct));
        Assert.Equal("mod", claimed.Str("claimedBy"));
        await ApiAssert.ProblemAsync(await admin.PostAsync($"/api/admin/reports/{caseId}/claim", null, Ct), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await mod.PostAsJsonAsync($"/api/admin/reports/{caseId}/resolve", new { action = "hide", reason = "" }, Ct),
            HttpStatusCode.BadRequest);
        var resolved = await ApiAssert.JsonAsync(await mod.PostAsJsonAsync($"/api/admin/reports/{caseId}/resolve",
            new { action = "hide", reason = "Advertising" }, Ct));

        Assert.True(resolved.GetProperty("changed").GetBoolean());
        Assert.True((await app.Get<CommentQueries>().GetAsync(comment.Id, Ct))!.Removed);
        var audit = await ApiAssert.JsonAsync(await mod.GetAsync($"/api/admin/audit?targetId={comment.Id}&kind=comment", Ct));
        Assert.Equal(("hide", "mod", "Advertising"), (audit.Items()[0].Str("action"), audit.Items()[0].Str("moderator"), audit.Items()[0].Str("reason")));
    }

    [Fact]
    public async Task Ban_ByModerator_TokenStopsValidatingSocketClosesWritesRefused_UnbanLetsThemBackIn()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var token = await app.TokenAsync(thread.Writer);
        var writer = Client(token);
        await using var socket = await app.SocketAsync();
        await socket.AuthAsync(token);
        var mod = await ClientAsync("mod");

        var banned = await mod.PostAsJsonAsync("/api/admin/bans", new { userName = thread.Writer, reason = "Spam bot", minutes = (int?)null }, Ct);

        Assert.True((await ApiAssert.JsonAsync(banned)).GetProperty("changed").GetBoolean());
        await ApiAssert.ProblemAsync(await writer.GetAsync("/api/me", Ct), HttpStatusCode.Unauthorized);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync(5_000));
        await Assert.ThrowsAsync<Forum.Data.ForumException>(() => thread.CommentAsync("Still here"));
        var members = await ApiAssert.JsonAsync(await mod.GetAsync($"/api/admin/members?search={thread.Writer}", Ct));
        Assert.Equal("banned permanently", Assert.Single(members.Items()).Str("ban"));

        await ApiAssert.JsonAsync(await mod.DeleteAsync($"/api/admin/bans/{thread.Writer}?reason=Appeal", Ct));
        await thread.CommentAsync("Back again");
        await ApiAssert.JsonAsync(await Client(await app.TokenAsync(thread.Writer)).GetAsync("/api/me", Ct));
    }

    [Fact]
    public async Task Ban_ModeratorOnAdmin_Answers403()
    {
        var mod = await ClientAsync("mod");
        var response = await mod.PostAsJsonAsync("/api/admin/bans", new { userName = "admin", reason = "Coup", minutes = 5 }, Ct);
        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await app.Get<ModerationStanding>().CurrentAsync((await app.UserIdAsync("admin"))!, Ct));
    }

    [Fact]
    public async Task HideComment_ByApi_SubscribedSocketsGetRemoved_AuthorGetsAModeratedMessage()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var comment = await thread.CommentAsync("Spoiler: Rosebud is the sled");
        await using var reader = await app.SignedInSocketAsync("carol");
        await reader.SendAsync("subscribe", thread.PostId);
        await reader.SyncAsync();
        var mod = await ClientAsync("mod");

        var hidden = await mod.PostAsJsonAsync($"/api/admin/content/comment/{comment.Id}/hide", new { reason = "Unmarked spoiler" }, Ct);

        Assert.True((await ApiAssert.JsonAsync(hidden)).GetProperty("changed").GetBoolean());
        Assert.Equal($$"""{"kind":"comment","id":{{comment.Id}}}""", (await reader.NextAsync("removed")).GetRawText());
        var messages = await ApiAssert.JsonAsync(await (await ClientAsync(thread.Writer)).GetAsync("/api/messages", Ct));
        var notice = messages.Items()[0];
        Assert.Equal(("moderated", "Unmarked spoiler"), (notice.Str("kind"), notice.Str("excerpt")));
        var again = await mod.PostAsJsonAsync($"/api/admin/content/comment/{comment.Id}/hide", new { reason = "Unmarked spoiler" }, Ct);
        Assert.False((await ApiAssert.JsonAsync(again)).GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task TokenEndpoint_BannedMember_Answers401()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var mod = await ClientAsync("mod");
        await ApiAssert.JsonAsync(await mod.PostAsJsonAsync("/api/admin/bans", new { userName = thread.Writer, reason = "Spam", minutes = 30 }, Ct));

        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = thread.Writer, password = AccountClient.Password }, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_CarriesTheTokensRoles_ModeratorAdminAndNoneForAMember()
    {
        async Task<string[]> RolesOf(string userName) =>
            [.. (await ApiAssert.JsonAsync(await (await ClientAsync(userName)).GetAsync("/api/me", Ct))).GetProperty("roles")
                .EnumerateArray().Select(r => r.GetString()!)];

        Assert.Equal(["Moderator"], await RolesOf("mod"));
        Assert.Contains("Admin", await RolesOf("admin"));
        Assert.Empty(await RolesOf("alice"));
    }
}
