using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Comments;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Components;

namespace Forum.Tests.Components;

public sealed class MessagesPageTests : IAsyncLifetime
{
    private ComponentHarness _h = null!;
    private string _alice = "", _bob = "";
    private int _post;

    public async ValueTask InitializeAsync()
    {
        _h = await ComponentHarness.CreateAsync();
        _alice = await _h.Db.AddUserAsync("Alice");
        _bob = await _h.Db.AddUserAsync("Bob Chen");
        _post = await _h.Db.AddPostAsync(_alice, "Heat");
        for (var i = 1; i <= 25; i++)
        {
            _h.Db.Clock.Advance(TimeSpan.FromMinutes(1));
            await _h.Db.Comments.AddAsync(_bob, new NewComment(_post, $"Comment number {i}"), Xunit.TestContext.Current.CancellationToken);
        }
        _h.SignIn(_alice, "Alice");
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private IRenderedComponent<MessagesPage> Render()
    {
        var page = _h.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(MessagesPage.PageSize, page.FindAll(".message-row").Count));
        return page;
    }

    [Fact]
    public void MessagesPage_Messages_ListsNewestFirstWithActorPostAndExcerpt()
    {
        var page = Render();
        var first = page.FindAll(".message-row")[0];
        Assert.Equal("Bob Chen", first.QuerySelector(".message-actor")!.TextContent);
        Assert.Equal("Heat", first.QuerySelector(".message-post")!.TextContent);
        Assert.Contains("Comment number 25", first.QuerySelector(".message-excerpt")!.TextContent);
        Assert.Equal("false", first.GetAttribute("data-read"));
    }

    [Fact]
    public void MessagesPage_LoadMore_AppendsTheRestOnce()
    {
        var page = Render();
        page.Find("#load-more-messages").Click();
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
        Assert.Equal(24, await _h.Db.CounterAsync(_alice));
        Assert.Equal(24, _h.Context.Services.GetRequiredService<UnreadState>().Count);
    }

    [Fact]
    public async Task MessagesPage_MarkAllRead_ClearsEveryRowAndTheCounter()
    {
        var page = Render();
        page.Find("#mark-all-read").Click();
        page.WaitForAssertion(() => Assert.All(page.FindAll(".message-row"), r => Assert.Equal("true", r.GetAttribute("data-read"))));
        Assert.Equal(0, await _h.Db.CounterAsync(_alice));
    }

    [Fact]
    public async Task MessagesPage_OpenMessage_MarksReadAndGoesToTheComment()
    {
        var page = Render();
        page.FindAll(".message-post")[0].Click();
        var nav = _h.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches($"/posts/{_post}#c\\d+$", nav.Uri));
        Assert.Equal(24, await _h.Db.CounterAsync(_alice));
    }
}
