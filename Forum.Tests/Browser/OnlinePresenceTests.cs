using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Browser;

/// <summary>Online members come from live circuits: open tabs make a member present, closing the last one ends it.</summary>
public sealed class OnlinePresenceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MemberTabs_OnlineFromTheFirstUntilTheLastCloses_VisitorsNotCounted()
    {
        browser.RequireBrowser();
        var presence = browser.App.Get<IPresence>();
        var aliceId = (await browser.App.UserIdAsync("alice"))!;
        var visitor = await browser.RequireBrowser().NewContextAsync(new() { BaseURL = browser.BaseUrl });
        await BrowserFixture.OpenAsync(visitor, "/");
        Assert.Equal(0, presence.Count(Places.Site));

        var alice = await browser.SignInAsync("alice");
        var tab1 = await BrowserFixture.OpenAsync(alice, "/");
        var tab2 = await BrowserFixture.OpenAsync(alice, "/messages");
        await Eventually.TrueAsync(() => presence.IsPresent(Places.Site, aliceId), "Alice online");
        Assert.Equal(1, presence.Count(Places.Site));

        await tab1.CloseAsync();
        await Eventually.QuietAsync(300);
        Assert.True(presence.IsPresent(Places.Site, aliceId));

        await tab2.CloseAsync();
        await Eventually.TrueAsync(() => !presence.IsPresent(Places.Site, aliceId), "Alice offline after her last tab closed");
        await visitor.CloseAsync();
        await alice.CloseAsync();
    }
}
