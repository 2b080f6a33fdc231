using System.Net;
using System.Net.Http.Json;
using Forum.Data.Messages;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>The message center through the API: the list, the unread count, and marking read.</summary>
public sealed class MessagesApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommentOnMyPost_AppearsFirstInMyMessagesAndBumpsTheCount()
    {
        var alice = await app.ClientForAsync("alice");
        var bob = await app.ClientForAsync("bob");
        var post = await NewPostAsync(alice);
        var before = await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages/unread", Ct));

        var comment = await ApiAssert.JsonAsync(await bob.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = "Seen it twice." }, Ct), HttpStatusCode.Created);

        var after = await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages/unread", Ct));
        Assert.Equal(before.Int("count") + 1, after.Int("count"));
        Assert.True(after.Long("version") > before.Long("version"));
        var newest = (await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages?limit=1", Ct))).Items().Single();
        Assert.Equal(("comment", "bob", "Bob Chen", post, comment.Int("id"), "Seen it twice.", false),
            (newest.Str("kind"), newest.Str("actor"), newest.Str("actorName"), newest.Int("postId"), newest.Int("commentId"),
                newest.Str("excerpt"), newest.GetProperty("isRead").GetBoolean()));
        Assert.Equal("Alice's film", newest.Str("postTitle"));
        Assert.EndsWith("Z", newest.Str("createdAt"));
    }

    [Fact]
    public async Task PrivateMessageToMe_IsANotificationOfKindDirectWithoutAPost()
    {
        var erin = await app.ClientForAsync("erin");
        var frankId = (await app.UserIdAsync("frank"))!;
        var sent = await app.Get<Forum.Data.Chat.ChatService>().SendDirectAsync(frankId, "erin", "Popcorn at mine, 8 pm?", ct: Ct);

        var newest = (await ApiAssert.JsonAsync(await erin.GetAsync("/api/messages?limit=1", Ct))).Items().Single();

        Assert.Equal(("direct", "frank", "Popcorn at mine, 8 pm?"), (newest.Str("kind"), newest.Str("actor"), newest.Str("excerpt")));
        foreach (var name in new[] { "postId", "postTitle", "commentId" })
            Assert.Equal(System.Text.Json.JsonValueKind.Null, newest.GetProperty(name).ValueKind);
        Assert.True(sent.Id > 0);
    }

    [Fact]
    public async Task ListMessages_FollowingNext_WalksEveryMessageNewestFirstOnce()
    {
        var carol = await app.ClientForAsync("carol");
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await ApiAssert.JsonAsync(await carol.GetAsync($"/api/messages?limit=3&cursor={cursor}", Ct));
            ids.AddRange(page.Items().Select(m => m.Long("id")));
            cursor = page.Next();
        } while (cursor is not null);

        var all = await app.Get<MessageService>().GetPageAsync(await app.UserIdAsync("carol"), take: MessageService.MaxPageSize, ct: Ct);
        Assert.Equal(all.Items.Select(m => m.Id), ids);
        Assert.True(ids.Count > 3);
    }

    [Fact]
    public async Task ListMessages_AnotherMembersCursor_Answers400()
    {
        var next = (await ApiAssert.JsonAsync(await (await app.ClientForAsync("carol")).GetAsync("/api/messages?limit=1", Ct))).Next();

        var problem = await ApiAssert.ProblemAsync(await (await app.ClientForAsync("dave")).GetAsync($"/api/messages?cursor={next}", Ct), HttpStatusCode.BadRequest);

        Assert.Contains("cursor", problem.Detail);
    }

    [Fact]
    public async Task MarkRead_OwnMessage_LowersTheCountOnceAndAnswersIt()
    {
        var alice = await app.ClientForAsync("alice");
        await (await app.ClientForAsync("bob")).PostAsJsonAsync($"/api/posts/{await NewPostAsync(alice)}/comments", new { body = "Hello" }, Ct);
        var unread = (await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages?limit=1", Ct))).Items().Single();
        var before = (await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages/unread", Ct))).Int("count");

        var marked = await ApiAssert.JsonAsync(await alice.PostAsync($"/api/messages/{unread.Long("id")}/read", null, Ct));
        var again = await ApiAssert.JsonAsync(await alice.PostAsync($"/api/messages/{unread.Long("id")}/read", null, Ct));

        Assert.Equal(before - 1, marked.Int("count"));
        Assert.Equal(marked.ToString(), again.ToString());
        Assert.True((await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages?limit=1", Ct))).Items().Single().GetProperty("isRead").GetBoolean());
    }

    [Fact]
    public async Task MarkRead_AnotherMembersMessage_Answers404ExactlyLikeAnUnknownId()
    {
        var alice = await app.ClientForAsync("alice");
        await (await app.ClientForAsync("bob")).PostAsJsonAsync($"/api/posts/{await NewPostAsync(alice)}/comments", new { body = "For Alice only" }, Ct);
        var hers = (await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages?limit=1", Ct))).Items().Single();
        var erin = await app.ClientForAsync("erin");

        var foreign = await ApiAssert.ProblemAsync(await erin.PostAsync($"/api/messages/{hers.Long("id")}/read", null, Ct), HttpStatusCode.NotFound);
        var unknown = await ApiAssert.ProblemAsync(await erin.PostAsync("/api/messages/98765432/read", null, Ct), HttpStatusCode.NotFound);

        Assert.Equal(foreign, unknown);
        Assert.False((await ApiAssert.JsonAsync(await alice.GetAsync("/api/messages?limit=1", Ct))).Items().Single().GetProperty("isRead").GetBoolean());
    }

    [Fact]
    public async Task ReadAll_WithoutABody_AnswersZeroAndEveryMessageIsRead()
    {
        var frank = await app.ClientForAsync("frank");
        Assert.True((await ApiAssert.JsonAsync(await frank.GetAsync("/api/messages/unread", Ct))).Int("count") > 0);

        var state = await ApiAssert.JsonAsync(await frank.PostAsync("/api/messages/read-all", null, Ct));

        Assert.Equal(0, state.Int("count"));
        Assert.Equal(0, (await ApiAssert.JsonAsync(await frank.GetAsync("/api/messages/unread", Ct))).Int("count"));
        Assert.All((await ApiAssert.JsonAsync(await frank.GetAsync("/api/messages?limit=100", Ct))).Items(), m => Assert.True(m.GetProperty("isRead").GetBoolean()));
    }

    [Fact]
    public async Task MarkRead_MalformedId_Answers404Problem() =>
        await ApiAssert.ProblemAsync(await (await app.ClientForAsync("alice")).PostAsync("/api/messages/abc/read", null, Ct), HttpStatusCode.NotFound);

    private static async Task<int> NewPostAsync(HttpClient client) =>
        (await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/posts",
            new { title = "Alice's film", year = 1999, genres = new[] { "Drama" }, body = "Talk to me." }, Ct), HttpStatusCode.Created)).Int("id");
}
