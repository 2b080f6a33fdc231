using Bunit;
using Forum.App.Features.Comments;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Components.Reports;

/// <summary>Members report others' comments from the thread; the service's rules show as messages.</summary>
public sealed class ReportFormTests : ComponentTest
{
    [Fact]
    public async Task CommentThread_ReportOthersComment_NeedsAReasonThenFilesOneReport()
    {
        var mine = await H.Db.Comments.AddAsync(Alice, new NewComment(Post, "My own words"), Ct);
        var theirs = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Buy pills"), Ct);
        var thread = H.Render<CommentThread>(p => p.Add(t => t.PostId, Post));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".report-button")));
        Assert.Empty(thread.FindAll($"#c{mine.Id} .report-button"));

        await thread.ClickAsync($"#c{theirs.Id} .report-button");
        await thread.ClickAsync(".report-send");
        thread.WaitForAssertion(() => Assert.Contains("Pick a reason", thread.Find(".report-error").TextContent));
        Assert.Equal(0, await H.Db.QueryAsync(db => db.Reports.CountAsync(Ct)));

        thread.FindAll(".report-reasons input[type=radio]")[0].Click();
        await thread.ClickAsync(".report-send");

        thread.WaitForAssertion(() => Assert.NotNull(thread.Find(".report-sent")));
        var report = await H.Db.QueryAsync(db => db.Reports.Include(r => r.Case).SingleAsync(Ct));
        Assert.Equal((Alice, "spam", theirs.Id.ToString()), (report.ReporterId, report.Reason, report.Case!.TargetId));
    }
}
