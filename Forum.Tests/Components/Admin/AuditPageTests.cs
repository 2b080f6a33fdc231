using Bunit;
using Forum.App.Features.Admin;
using Forum.Data.Moderation;

namespace Forum.Tests.Components.Admin;

public sealed class AuditPageTests : AdminTest
{
    [Fact]
    public async Task AuditPage_AfterActions_ListsThemNewestFirst()
    {
        var alice = await H.Db.UserNameAsync(Alice);
        await Service<MemberModerationService>().MuteAsync(Mod, alice, "Cool off <b>now</b>", 10, Ct);
        await Service<MemberModerationService>().UnmuteAsync(Mod, alice, "Calm again", Ct);

        var page = H.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#audit-grid tbody tr").Count));
        var rows = page.FindAll("#audit-grid tbody tr");
        Assert.Contains("unmute", rows[0].TextContent);
        Assert.Contains("Cool off <b>now</b>", rows[1].TextContent);
        Assert.Empty(page.FindAll("#audit-grid b"));
    }
}
