using System.Net;
using System.Net.Http.Json;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>
/// Private messages through the API: only the two members ever load a conversation (anyone else gets the 404 of an
/// unknown id), the conversation list with unread counts, reading, and the same shape as /ws `direct`.
/// </summary>
public sealed class DirectApiTests(ChatLiveApp app) : IClassFixture<ChatLiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_ReachesBothMembersSocketsInTheSameShape_AndBothLoadTheConversation()
    {
        var s = await ChatScenario.CreateAsync(app);
        await using var benSocket = await app.SignedInSocketAsync(s.Ben.UserName);
        var (ann, ben) = (await app.HttpClientForAsync(s.Ann.UserName), await app.HttpClientForAsync(s.Ben.UserName));

        var response = await ann.PostAsJsonAsync($"/api/chat/direct/{s.Ben.UserName.ToUpperInvariant()}/messages", new { text = "Just us" }, Ct);
        var sent = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        var reply = await ApiAssert.JsonAsync(await ben.PostAsJsonAsync($"/api/chat/direct/{s.Ann.UserName}/messages", new { text = "Hi Ann" }, Ct), HttpStatusCode.Created);

        Assert.Equal((await benSocket.NextAsync("direct")).GetRawText(), sent.GetRawText());
        Assert.Equal((s.Ann.UserName, s.Ben.UserName, "Just us"), (sent.Str("from"), sent.Str("to"), sent.Str("text")));
        Assert.Equal($"/api/chat/messages/{sent.Long("id")}", response.Headers.Location?.OriginalString);
        foreach (var (client, other) in new[] { (ann, s.Ben.UserName), (ben, s.Ann.UserName) })
        {
            var page = await ApiAssert.JsonAsync(await client.GetAsync($"/api/chat/direct/{other}/messages", Ct));
            Assert.Equal([sent.Long("id"), reply.Long("id")], page.Items().Ids());
            Assert.Equal(sent.GetRawText(), page.Items()[0].GetRawText());
            Assert.Null(page.Next());
        }
    }

    [Fact]
    public async Task AThirdMember_CanReachNoneOfIt_AndEachRefusalIsTheUnknownIdsOwn404()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.HttpClientForAsync(s.Ann.UserName);
        var secret = await ApiAssert.JsonAsync(await ann.PostAsJsonAsync($"/api/chat/direct/{s.Ben.UserName}/messages", new { text = "Secret" }, Ct), HttpStatusCode.Created);
        var (cat, visitor) = (await app.HttpClientForAsync(s.Cat.UserName), await app.HttpClientForAsync(null));
        var id = secret.Long("id");

        var catsOwnWithAnn = await ApiAssert.JsonAsync(await cat.GetAsync($"/api/chat/direct/{s.Ann.UserName}/messages?after=0", Ct));
        var catsOwnWithBen = await ApiAssert.JsonAsync(await cat.GetAsync($"/api/chat/direct/{s.Ben.UserName}/messages?before={id + 1}", Ct));
        var conversations = await ApiAssert.JsonAsync(await cat.GetAsync("/api/chat/direct", Ct));
        var read = await ApiAssert.ProblemAsync(await cat.GetAsync($"/api/chat/messages/{id}", Ct), HttpStatusCode.NotFound);
        var unknown = await ApiAssert.ProblemAsync(await cat.GetAsync("/api/chat/messages/987654321", Ct), HttpStatusCode.NotFound);
        var byVisitor = await ApiAssert.ProblemAsync(await visitor.GetAsync($"/api/chat/messages/{id}", Ct), HttpStatusCode.NotFound);
        var delete = await ApiAssert.ProblemAsync(await cat.DeleteAsync($"/api/chat/messages/{id}", Ct), HttpStatusCode.NotFound);
        var deleteUnknown = await ApiAssert.ProblemAsync(await cat.DeleteAsync("/api/chat/messages/987654321", Ct), HttpStatusCode.NotFound);

        Assert.Empty(catsOwnWithAnn.Items());
        Assert.Empty(catsOwnWithBen.Items());
        Assert.Empty(conversations.Items());
        Assert.Equal(unknown, read);
        Assert.Equal(unknown, byVisitor);
        Assert.Equal(deleteUnknown, delete);
        Assert.Equal("Secret", (await ApiAssert.JsonAsync(await ann.GetAsync($"/api/chat/messages/{id}", Ct))).Str("text"));
        await ApiAssert.ProblemAsync(await visitor.GetAsync($"/api/chat/direct/{s.Ann.UserName}/messages", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Conversations_NewestFirstWithUnread_AndReadingOneLowersMyCount()
    {
        var s = await ChatScenario.CreateAsync(app);
        var (ann, ben) = (await app.HttpClientForAsync(s.Ann.UserName), await app.HttpClientForAsync(s.Ben.UserName));
        var cat = await app.HttpClientForAsync(s.Cat.UserName);
        await ann.PostAsJsonAsync($"/api/chat/direct/{s.Ben.UserName}/messages", new { text = "One" }, Ct);
        await ann.PostAsJsonAsync($"/api/chat/direct/{s.Ben.UserName}/messages", new { text = "Two" }, Ct);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await cat.PostAsJsonAsync($"/api/chat/direct/{s.Ben.UserName}/messages", new { text = "From Cat" }, Ct);
        var unreadBefore = (await ApiAssert.JsonAsync(await ben.GetAsync("/api/messages/unread", Ct))).Int("count");

        var first = await ApiAssert.JsonAsync(await ben.GetAsync("/api/chat/direct?limit=1", Ct));
        var second = await ApiAssert.JsonAsync(await ben.GetAsync($"/api/chat/direct?limit=1&cursor={first.Next()}", Ct));
        var state = await ApiAssert.JsonAsync(await ben.PostAsync($"/api/chat/direct/{s.Ann.UserName}/read", null, Ct));
        var after = (await ApiAssert.JsonAsync(await ben.GetAsync("/api/chat/direct", Ct))).Items();

        Assert.Equal((s.Cat.UserName, s.Cat.DisplayName, 1, "From Cat"),
            (first.Items()[0].Str("with"), first.Items()[0].Str("withName"), first.Items()[0].Int("unread"), first.Items()[0].GetProperty("lastMessage").Str("text")));
        Assert.Equal((s.Ann.UserName, 2, "Two"), (second.Items()[0].Str("with"), second.Items()[0].Int("unread"), second.Items()[0].GetProperty("lastMessage").Str("text")));
        Assert.Null(second.Next());
        Assert.Equal(unreadBefore - 2, state.Int("count"));
        Assert.Equal([1, 0], after.Select(c => c.Int("unread")));
    }

    [Fact]
    public async Task Send_ToNoOneOrToMyself_IsRefusedAndNothingIsStored()
    {
        var s = await ChatScenario.CreateAsync(app);
        var ann = await app.HttpClientForAsync(s.Ann.UserName);

        var nobody = await ApiAssert.ProblemAsync(await ann.PostAsJsonAsync("/api/chat/direct/nobody-at-all/messages", new { text = "Hello?" }, Ct), HttpStatusCode.NotFound);
        var self = await ApiAssert.ProblemAsync(await ann.PostAsJsonAsync($"/api/chat/direct/{s.Ann.UserName}/messages", new { text = "Me" }, Ct), HttpStatusCode.BadRequest);
        var read = await ApiAssert.ProblemAsync(await ann.GetAsync("/api/chat/direct/nobody-at-all/messages", Ct), HttpStatusCode.NotFound);

        Assert.Contains("no member called nobody-at-all", nobody.Detail);
        Assert.Contains("yourself", self.Detail);
        Assert.Equal(nobody.Status, read.Status);
        Assert.Empty((await ApiAssert.JsonAsync(await ann.GetAsync("/api/chat/direct", Ct))).Items());
    }
}
