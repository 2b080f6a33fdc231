using Bunit;
using Forum.App.Features.Chat;
using Forum.Data.Chat;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Components.Reports;

/// <summary>In a room, members report others' messages (never their own) and members from the member menu.</summary>
public sealed class ChatReportTests : ComponentTest
{
    private static readonly ChatRoom Lobby = new(ChatRooms.Lobby, ChatRooms.LobbyDisplayName, null);

    [Fact]
    public async Task Room_ReportOthersMessageAndAMember_FilesReports()
    {
        var theirs = await H.Db.Chat.SendAsync(Bob, ChatRooms.Lobby, "Buy pills", ct: Ct);
        await H.Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "No thanks", ct: Ct);
        var view = H.Render<ChatRoomView>(p => p.Add(c => c.Room, Lobby));
        view.WaitForAssertion(() => Assert.Single(view.FindAll(".chat-report")));

        await view.ClickAsync(".chat-report");
        ReasonsShown(view);
        view.FindAll(".report-reasons input[type=radio]")[0].Click();
        await view.ClickAsync(".report-send");
        view.WaitForAssertion(() => Assert.NotNull(view.Find(".report-sent")));

        var report = await H.Db.QueryAsync(db => db.Reports.Include(r => r.Case).SingleAsync(Ct));
        Assert.Equal(("spam", theirs.Id.ToString()), (report.Reason, report.Case!.TargetId));

        await view.ClickAsync(".report-cancel");
        await view.ClickAsync(".chat-row .chat-sender");
        view.WaitForAssertion(() => Assert.Single(view.FindAll("#chat-report-member")), TimeSpan.FromSeconds(10));
        await view.ClickAsync("#chat-report-member");
        ReasonsShown(view);
        view.FindAll(".report-reasons input[type=radio]")[1].Click();
        await view.ClickAsync(".report-send");
        view.WaitForAssertion(() => Assert.NotNull(view.Find(".report-sent")));
        Assert.Equal(Bob, await H.Db.QueryAsync(db => db.ModerationCases.Where(c => c.Kind == Forum.Data.Moderation.ContentKind.Member)
            .Select(c => c.TargetId).SingleAsync(Ct)));
    }

    /// <summary>The report form renders after the click's handler ran, which under load is not at once.</summary>
    private static void ReasonsShown(IRenderedComponent<ChatRoomView> view) =>
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll(".report-reasons input[type=radio]")), TimeSpan.FromSeconds(10));
}
