using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Components;

public sealed class MessagesPageTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 1; i <= 25; i++)
        {
            H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
            await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Comment number {i}"), Ct);
        }
    }

    private IRenderedComponent<MessagesPage> Render()
    {
        var page = H.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(MessagesPage.PageSize, page.FindAll(".message-row").Count));
        return page;
    }

    [Fact]
    public async Task MessagesPage_Messages_ListsNewestFirstWithActorPostAndExcerpt()
    {
        var bobUserName = await H.Db.QueryAsync(db => db.Users.Where(u => u.Id == Bob).Select(u => u.UserName!).SingleAsync(Ct));
        var page = Render();
        var first = page.FindAll(".message-row")[0];
        Assert.Equal("Bob Chen", first.QuerySelector(".message-actor")!.TextContent);
        Assert.Equal($"/u/{bobUserName}", first.QuerySelector(".message-actor")!.GetAttribute("href"));
        Assert.Equal("Heat", first.QuerySelector(".message-post")!.TextContent);
        Assert.Contains("Comment number 25", first.QuerySelector(".message-excerpt")!.TextContent);
        Assert.Equal("false", first.GetAttribute("data-read"));
    }

    [Fact]
    public async Task MessagesPage_LoadMore_AppendsTheRestOnce()
    {
        var page = Render();
        await page.ClickAsync("#load-more-messages");
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(".message-row").Count));
        Assert.Empty(page.FindAll("#load-more-messages"));
        Assert.Contains("Comment number 1", page.FindAll(".message-row")[24].TextContent);
    }

    [Fact]
    public async Task MessagesPage_MarkOneRead_UpdatesRowAndCounter()
    {
        var page = Render();
        page.FindAll(".mark-read")[0].Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.FindAll(".message-row")[0].GetAttribute("data-read")));
        Assert.Equal(24, await H.Db.CounterAsync(Alice));
        Assert.Equal(24, H.Context.Services.GetRequiredService<UnreadState>().Count);
    }

    [Fact]
    public async Task MessagesPage_MarkAllRead_ClearsEveryRowAndTheCounter()
    {
        var page = Render();
        await page.ClickAsync("#mark-all-read");
        page.WaitForAssertion(() => Assert.All(page.FindAll(".message-row"), r => Assert.Equal("true", r.GetAttribute("data-read"))));
        Assert.Equal(0, await H.Db.CounterAsync(Alice));
    }

    [Fact]
    public async Task MessagesPage_OpenMessage_LinksToTheCommentAndMarksItRead()
    {
        var page = Render();
        var link = page.FindAll(".message-post")[0];
        var newest = (await H.Db.NotificationsAsync())[^1];
        Assert.Equal($"/posts/{Post}#c{newest.CommentId}", link.GetAttribute("href"));

        link.Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.FindAll(".message-row")[0].GetAttribute("data-read")));
        Assert.Equal(24, await H.Db.CounterAsync(Alice));
    }

    [Fact]
    public async Task MessagesPage_NewMessageWhileOpen_AppearsOnTopWithoutDroppingLoadedRows()
    {
        var page = Render();
        await page.ClickAsync("#load-more-messages");
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(".message-row").Count));

        H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Fresh off the press"), Ct);

        page.WaitForAssertion(() => Assert.Equal(26, page.FindAll(".message-row").Count));
        Assert.Contains("Fresh off the press", page.FindAll(".message-row")[0].TextContent);
    }

    [Fact]
    public async Task MessagesPage_MoreThanAServicePageLoaded_NewMessageKeepsEveryRow()
    {
        for (var i = 26; i <= 130; i++)
        {
            H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
            await H.Db.Comments.AddAsync(Bob, new NewComment(Post, $"Comment number {i}"), Ct);
        }
        var page = Render();
        for (var loaded = MessagesPage.PageSize; loaded < 130; loaded += MessagesPage.PageSize)
        {
            await page.ClickAsync("#load-more-messages");
            var expected = Math.Min(130, loaded + MessagesPage.PageSize);
            page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll(".message-row").Count));
        }

        H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Number 131"), Ct);

        page.WaitForAssertion(() => Assert.Equal(131, page.FindAll(".message-row").Count));
        Assert.Contains("Comment number 1”", page.FindAll(".message-row")[130].TextContent);
    }

    [Fact]
    public async Task MessagesPage_CommentDeletedByItsAuthor_ItsRowDisappears()
    {
        H.Db.Clock.Advance(TimeSpan.FromMinutes(1));
        var regret = await H.Db.Comments.AddAsync(Bob, new NewComment(Post, "Said too much"), Ct);
        var page = Render();
        page.WaitForAssertion(() => Assert.Contains("Said too much", page.FindAll(".message-row")[0].TextContent));

        await H.Db.CommentEdits.DeleteAsync(Bob, regret.Id, Ct);

        page.WaitForAssertion(() => Assert.DoesNotContain("Said too much", page.Markup));
        Assert.Equal(MessagesPage.PageSize, page.FindAll(".message-row").Count);
        Assert.Contains("Comment number 25", page.FindAll(".message-row")[0].TextContent);
    }
}
