using Bunit;
using Forum.App.Features.Admin;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components.Admin;

/// <summary>The reports queue: the item in context, claims shown live, resolving through the service.</summary>
public sealed class ReportsPageTests : AdminTest
{
    private async Task<(int Comment, long Case)> ReportedAsync()
    {
        var comment = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Buy pills here"), Ct);
        var caseId = await Service<ReportService>().ReportAsync(Alice, new NewReport("comment", comment.Id.ToString(), "spam"), Ct);
        return (comment.Id, caseId);
    }

    [Fact]
    public async Task ReportsPage_OpenReport_ShowsItemCountReasonAndAnotherModeratorsClaimLive()
    {
        var (_, caseId) = await ReportedAsync();
        var other = await H.Db.AddUserAsync("Otto");
        await H.Db.QueryAsync(async db => { await ForumRoles.AddAsync(db, other, ForumRoles.Moderator, Ct); return 0; });

        var page = H.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("Buy pills here", page.Find("#reports-grid").TextContent));
        Assert.Equal("1", page.Find(".report-count").TextContent);
        Assert.Contains("spam", page.Find("#reports-grid").TextContent);

        await Service<ReportService>().ClaimAsync(other, caseId, Ct);

        var otto = await H.Db.UserNameAsync(other);
        page.WaitForAssertion(() => Assert.Equal(otto, page.Find(".claimed-by").TextContent));
        Assert.Empty(page.FindAll(".claim-button"));
    }

    [Fact]
    public async Task ReportsPage_ReportersNote_ShownAsTextWithItsReporter()
    {
        var comment = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Buy pills here"), Ct);
        await Service<ReportService>().ReportAsync(Alice, new NewReport("comment", comment.Id.ToString(), "spam", "Same <i>link</i> as yesterday"), Ct);

        var page = H.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".report-note")));
        var note = page.Find(".report-note");
        Assert.Equal("Alice (spam): Same <i>link</i> as yesterday", note.TextContent);
        Assert.Empty(note.QuerySelectorAll("i"));
    }

    [Fact]
    public async Task ReportsPage_ResolveHideWithReason_HidesTheCommentAndEmptiesTheQueue()
    {
        var (comment, _) = await ReportedAsync();
        var page = H.Render<ReportsPage>();
        page.WaitForAssertion(() => page.Find(".resolve-hide"));

        await page.ClickAsync(".resolve-hide");
        await page.ClickAsync("#confirm-action");
        page.WaitForAssertion(() => Assert.Equal("The reason cannot be empty.", page.Find("#action-error").TextContent.Trim()));
        Assert.False((await H.Db.CommentQueries.GetAsync(comment, Ct))!.Removed);

        await page.InputAsync("#reason-input", "Advertising");
        await page.ClickAsync("#confirm-action");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#no-reports")));
        Assert.True((await H.Db.CommentQueries.GetAsync(comment, Ct))!.Removed);
    }

    [Fact]
    public async Task ReportsPage_RenderedForAMember_ServiceRefusesAndShowsNoItems()
    {
        await ReportedAsync();
        H.SignIn(Bob, "Bob Chen");

        var page = H.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal("Only moderators can do that.", page.Find("#queue-error").TextContent.Trim()));
        Assert.DoesNotContain("Buy pills here", page.Markup);
    }
}
