using Bunit;
using Forum.App.Features.Admin;
using Forum.Data.Moderation;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Components.Admin;

/// <summary>The members grid pages on the server, searches, and bans through the service.</summary>
public sealed class MembersPageTests : AdminTest
{
    [Fact]
    public async Task MembersPage_ManyMembers_ShowsAPageOfTwentyFiveWithTheTotal()
    {
        for (var i = 0; i < 27; i++) await H.Db.AddUserAsync($"Extra {i:00}");

        var page = H.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("#members-grid tbody tr").Count));
        Assert.Contains("of 30", page.Find("#members-grid").TextContent);
    }

    [Fact]
    public async Task MembersPage_SearchThenBan_BansThroughTheService()
    {
        var bobName = await H.Db.UserNameAsync(Bob);
        var page = H.Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#members-grid tbody tr").Count));

        await page.InputAsync("#member-search", "bob");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#members-grid tbody tr")), TimeSpan.FromSeconds(5));
        // The grid may render again after the search settles: find and click on the renderer's thread, in one step.
        await page.ClickAsync(".member-ban");
        page.WaitForElement("#reason-input", TimeSpan.FromSeconds(5)).Input("Spam bot");
        await page.ClickAsync("#confirm-action");

        page.WaitForAssertion(() => Assert.Contains("banned permanently", page.Find(".member-standing").TextContent));
        Assert.NotNull(await Service<ModerationStanding>().CurrentAsync(Bob, Ct));
        Assert.Contains(bobName, page.Find("#members-grid").TextContent);
    }
}
