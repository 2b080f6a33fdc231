using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Chat;

/// <summary>A private message in My messages: "Bob sent you a message", opening the conversation, live like the rest.</summary>
public sealed class DirectMessageRowTests : ComponentTest
{
    [Fact]
    public async Task MessagesPage_PrivateMessage_SaysWhoSentItAndLinksToTheConversation()
    {
        var bobUserName = await H.Db.QueryAsync(db => db.Users.Where(u => u.Id == Bob).Select(u => u.UserName!).SingleAsync(Ct));
        var aliceUserName = await H.Db.QueryAsync(db => db.Users.Where(u => u.Id == Alice).Select(u => u.UserName!).SingleAsync(Ct));
        var page = H.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#no-messages")));

        await H.Db.Chat.SendDirectAsync(Bob, aliceUserName, "Watch party at eight?", ct: Ct);

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".message-row")));
        var row = page.Find(".message-row");
        Assert.Equal("Bob Chen sent you a message", string.Join(' ', row.QuerySelector("p")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal($"/direct/{bobUserName}", row.QuerySelector(".message-direct")!.GetAttribute("href"));
        Assert.Contains("Watch party at eight?", row.QuerySelector(".message-excerpt")!.TextContent);
        Assert.Equal("false", row.GetAttribute("data-read"));
        page.WaitForAssertion(() => Assert.Equal(1, H.Context.Services.GetRequiredService<UnreadState>().Count));

        row.QuerySelector(".message-direct")!.Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".message-row").GetAttribute("data-read")));
        Assert.Equal(0, await H.Db.CounterAsync(Alice));
    }
}
