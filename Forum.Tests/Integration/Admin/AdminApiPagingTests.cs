using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Tests.Integration.Api;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Admin;

/// <summary>/api/admin lists page with keyset cursors, and a retried report answers its first case.</summary>
public sealed class AdminApiPagingTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> ClientAsync(string userName) => AdminClients.BearerAsync(app, userName);

    [Fact]
    public async Task Audit_PagedWhileModeratorsAct_WalksEveryRowOnce_NewestFirst()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var mod = await ClientAsync("mod");
        async Task HideAsync()
        {
            var c = await thread.CommentAsync("Hide me");
            await ApiAssert.JsonAsync(await mod.PostAsJsonAsync($"/api/admin/content/comment/{c.Id}/hide", new { reason = "Off topic" }, Ct));
        }
        for (var i = 0; i < 5; i++) await HideAsync();
        var before = (await ApiAssert.JsonAsync(await mod.GetAsync("/api/admin/audit?kind=comment&limit=100", Ct))).Items()
            .Select(a => a.Long("id")).ToList();

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await mod.GetAsync(
                "/api/admin/audit?kind=comment&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), Ct));
            seen.AddRange(page.Items().Select(a => a.Long("id")));
            cursor = page.GetProperty("next").GetString();
            // A moderator acts between two page reads: the new row goes on top and must not shift the pages still to come.
            await HideAsync();
        } while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal([.. seen.OrderDescending()], seen);
        Assert.Equal(before, seen);
    }

    [Fact]
    public async Task Reports_PagedWhileMembersReport_WalksEveryCaseOnce()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var owner = await ClientAsync(thread.Owner);
        var mod = await ClientAsync("mod");
        async Task ReportAsync()
        {
            var c = await thread.CommentAsync("Spam?");
            await ApiAssert.JsonAsync(await owner.PostAsJsonAsync("/api/reports", new { kind = "comment", id = c.Id, reason = "spam" }, Ct),
                HttpStatusCode.Created);
        }
        for (var i = 0; i < 4; i++) await ReportAsync();
        var before = (await ApiAssert.JsonAsync(await mod.GetAsync("/api/admin/reports?limit=100", Ct))).Items()
            .Select(c => c.Long("id")).ToList();

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await mod.GetAsync(
                "/api/admin/reports?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), Ct));
            seen.AddRange(page.Items().Select(c => c.Long("id")));
            cursor = page.GetProperty("next").GetString();
            await ReportAsync();
        } while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal([.. seen.Order()], seen);
        Assert.Subset(seen.ToHashSet(), before.ToHashSet());
    }

    [Fact]
    public async Task Report_RetriedWithSameRequestId_Answers201WithTheFirstCase_StoresOneReport()
    {
        var thread = await LiveScenario.CreateAsync(app);
        var comment = await thread.CommentAsync("Reported once");
        var other = await thread.CommentAsync("Reported too");
        var owner = await ClientAsync(thread.Owner);
        var requestId = Guid.NewGuid();
        var report = new { kind = "comment", id = comment.Id, reason = "spam", requestId };

        var first = await ApiAssert.JsonAsync(await owner.PostAsJsonAsync("/api/reports", report, Ct), HttpStatusCode.Created);
        var retry = await ApiAssert.JsonAsync(await owner.PostAsJsonAsync("/api/reports", report, Ct), HttpStatusCode.Created);
        // The request id names the write, not the item: a retry answers the first case even if the body drifted.
        var drifted = await ApiAssert.JsonAsync(await owner.PostAsJsonAsync("/api/reports",
            new { kind = "comment", id = other.Id, reason = "abuse", requestId }, Ct), HttpStatusCode.Created);

        Assert.Equal(first.Long("caseId"), retry.Long("caseId"));
        Assert.Equal(first.Long("caseId"), drifted.Long("caseId"));
        // Without the request id (or with a new one) the second report on the item is still a 409.
        await ApiAssert.ProblemAsync(await owner.PostAsJsonAsync("/api/reports", new { kind = "comment", id = comment.Id, reason = "spam" }, Ct),
            HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await owner.PostAsJsonAsync("/api/reports",
            new { kind = "comment", id = comment.Id, reason = "spam", requestId = Guid.NewGuid() }, Ct), HttpStatusCode.Conflict);
        var mod = await ClientAsync("mod");
        var filed = await ApiAssert.JsonAsync(await mod.GetAsync($"/api/admin/reports/{first.Long("caseId")}", Ct));
        Assert.Equal(1, filed.GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task Audit_OffsetShapedOrForeignCursor_Answers400()
    {
        var mod = await ClientAsync("mod");
        var reports = await ApiAssert.JsonAsync(await mod.GetAsync("/api/admin/reports?limit=1", Ct));
        if (reports.GetProperty("next").GetString() is { } foreign)
            await ApiAssert.ProblemAsync(await mod.GetAsync($"/api/admin/audit?cursor={Uri.EscapeDataString(foreign)}", Ct), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await mod.GetAsync("/api/admin/audit?cursor=AAAA", Ct), HttpStatusCode.BadRequest);
    }
}

/// <summary>Bearer clients on the app's real socket (the in-memory test client does not reach a Kestrel host).</summary>
internal static class AdminClients
{
    public static HttpClient Bearer(LiveApp app, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> BearerAsync(LiveApp app, string userName) => Bearer(app, await app.TokenAsync(userName));
}
