using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Moderation;

namespace Forum.Tests.Data.Moderation;

/// <summary>One open report per member per item, one case per item, one moderator per case.</summary>
public class ReportServiceTests : ModerationTest
{
    private async Task<int> CommentAsync()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Alice);
        return (await Db.Comments.AddAsync(Alice, new NewComment(post, "Buy now!"), Ct)).Id;
    }

    [Fact]
    public async Task ReportAsync_SameMemberTwice_ConflictAndOneReport_OthersJoinTheCase()
    {
        var comment = await CommentAsync();
        var caseId = await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam", "An advert"), Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "abuse"), Ct));
        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal(caseId, await Reports.ReportAsync(Mod, new NewReport("comment", comment.ToString(), "abuse"), Ct));

        var open = Assert.Single((await Cases.ListAsync(Mod, new CaseQuery(), Ct)).Items);
        Assert.Equal((2, ContentKind.Comment), (open.ReportCount, open.Kind));
        Assert.Equal(["spam", "abuse"], open.Reasons);
        Assert.Equal("Buy now!", open.Item!.Text);
        Assert.Contains(open.Item.Around, l => l.IsReported);
    }

    [Fact]
    public async Task Case_ReportersNotes_ListedWithWhoWroteThem_OnlyTheWrittenOnes()
    {
        var comment = await CommentAsync();
        var caseId = await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam", "An advert for <b>pills</b>"), Ct);
        await Reports.ReportAsync(Mod, new NewReport("comment", comment.ToString(), "abuse"), Ct);
        await Reports.ReportAsync(Admin, new NewReport("comment", comment.ToString(), "other", "Third time this week"), Ct);

        var listed = Assert.Single((await Cases.ListAsync(Mod, new CaseQuery(), Ct)).Items);
        var one = await Cases.GetAsync(Mod, caseId, Ct);

        var names = await Db.QueryAsync(db => Task.FromResult(db.Users.ToDictionary(u => u.Id, u => (u.DisplayName, u.UserName))));
        Assert.Equal([(names[Bob], "spam", "An advert for <b>pills</b>"), (names[Admin], "other", "Third time this week")],
            listed.Notes.Select(n => ((n.ReporterName, (string?)n.ReporterUserName), n.Reason, n.Text)));
        Assert.Equal(listed.Notes, one!.Notes);
    }

    [Fact]
    public async Task ReportAsync_RetryWithSameRequestId_FirstCaseOneReport_AnotherMembersSameIdIsTheirOwn()
    {
        var comment = await CommentAsync();
        var requestId = Guid.NewGuid();
        var report = new NewReport("comment", comment.ToString(), "spam", RequestId: requestId);

        var caseId = await Reports.ReportAsync(Bob, report, Ct);

        Assert.Equal(caseId, await Reports.ReportAsync(Bob, report, Ct));
        Assert.Equal(1, await Db.QueryAsync(db => Task.FromResult(db.Reports.Count())));
        Assert.Equal(caseId, await Reports.ReportAsync(Mod, report, Ct));
        Assert.Equal(2, await Db.QueryAsync(db => Task.FromResult(db.Reports.Count())));
        var ex = await Assert.ThrowsAsync<ForumException>(() => Reports.ReportAsync(Bob, report with { RequestId = Guid.NewGuid() }, Ct));
        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
    }

    [Theory]
    [InlineData("comment", "999", "spam", ForumErrorKind.NotFound)]
    [InlineData("comment", "x", "spam", ForumErrorKind.NotFound)]
    [InlineData("thing", "1", "spam", ForumErrorKind.Invalid)]
    [InlineData("comment", "1", "boring", ForumErrorKind.Invalid)]
    public async Task ReportAsync_BadInput_ClearErrorNothingStored(string kind, string id, string reason, ForumErrorKind expected)
    {
        await CommentAsync();
        var ex = await Assert.ThrowsAsync<ForumException>(() => Reports.ReportAsync(Bob, new NewReport(kind, id, reason), Ct));
        Assert.Equal(expected, ex.Kind);
        Assert.Equal(0, await Db.QueryAsync(db => Task.FromResult(db.Reports.Count())));
    }

    [Fact]
    public async Task ListAsync_Member_Forbidden()
    {
        await CommentAsync();
        var ex = await Assert.ThrowsAsync<ForumException>(() => Cases.ListAsync(Bob, new CaseQuery(), Ct));
        Assert.Equal(ForumErrorKind.Forbidden, ex.Kind);
    }

    [Fact]
    public async Task ClaimAsync_TwoModeratorsAtOnce_ExactlyOneWins()
    {
        var comment = await CommentAsync();
        var caseId = await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam"), Ct);
        Task first, second;
        await using (await Db.HoldWriteLockAsync())
        {
            // Both claims queue behind the lock, then race for it when it goes.
            first = Task.Run(() => Reports.ClaimAsync(Mod, caseId, Ct), Ct);
            second = Task.Run(() => Reports.ClaimAsync(Admin, caseId, Ct), Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        }
        var results = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is { Kind: ForumErrorKind.Conflict });
        var holder = Assert.Single((await Cases.ListAsync(Mod, new CaseQuery(), Ct)).Items).ClaimedBy;
        Assert.Contains(holder!, Assert.Single(results, r => r is not null)!.Message);
        await Reports.ClaimAsync(holder == await Db.UserNameAsync(Mod) ? Mod : Admin, caseId, Ct); // its holder again: no error
    }

    [Fact]
    public async Task ResolveAsync_HeldByAnother_Conflict_ByHolderHidesAndCloses()
    {
        var comment = await CommentAsync();
        var caseId = await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam"), Ct);
        await Reports.ClaimAsync(Mod, caseId, Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Reports.ResolveAsync(Admin, caseId, CaseAction.Hide, "Spam", Ct));
        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Contains(await Db.UserNameAsync(Mod), ex.Message);

        Assert.True(await Reports.ResolveAsync(Mod, caseId, CaseAction.Hide, "Spam", Ct));
        Assert.False(await Reports.ResolveAsync(Mod, caseId, CaseAction.Hide, "Spam", Ct));
        Assert.True((await Db.CommentQueries.GetAsync(comment, Ct))!.Removed);
        Assert.Empty((await Cases.ListAsync(Mod, new CaseQuery(), Ct)).Items);
        Assert.Equal(["hide"], (await AuditAsync()).Select(a => a.Action));
        Assert.Contains(Db.Bus.EventsOn<CaseChanged>(ModerationTopics.Queue), e => e.CaseId == caseId);
    }

    [Fact]
    public async Task ResolveAsync_Dismiss_KeepsTheItemAndAudits_ThenANewReportOpensANewCase()
    {
        var comment = await CommentAsync();
        var caseId = await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam"), Ct);

        await Reports.ResolveAsync(Mod, caseId, CaseAction.Dismiss, "Not spam", Ct);

        Assert.False((await Db.CommentQueries.GetAsync(comment, Ct))!.Removed);
        Assert.Equal(["dismiss"], (await AuditAsync()).Select(a => a.Action));
        Assert.NotEqual(caseId, await Reports.ReportAsync(Bob, new NewReport("comment", comment.ToString(), "spam"), Ct));
    }

    private static async Task<ForumException?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (ForumException ex)
        {
            return ex;
        }
    }
}
