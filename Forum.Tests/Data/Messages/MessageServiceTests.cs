using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Messages;

/// <summary>The message center a member reads: its page and its unread counter.</summary>
public class MessageServiceTests : DatabaseTest
{
    [Fact]
    public async Task GetPageAsync_SeveralMessages_ListsNewestFirstWithNamesTitleAndExcerpt()
    {
        var (alice, bob, carol) = await MembersAsync();
        var heat = await Db.AddPostAsync(alice, "Heat");
        var ronin = await Db.AddPostAsync(alice, "Ronin");
        var longBody = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));
        await Db.Comments.AddAsync(bob, new NewComment(heat, "Oldest"), Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        var root = await Db.Comments.AddAsync(carol, new NewComment(ronin, longBody), Ct);
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await Db.Comments.AddAsync(bob, new NewComment(ronin, "Newest\n\nreply", root.Id), Ct);

        var page = await Db.Messages.GetPageAsync(alice, ct: Ct);

        Assert.Null(page.Next);
        Assert.Equal(["Bob", "Carol", "Bob"], page.Items.Select(m => m.ActorName));
        Assert.Equal(["Ronin", "Ronin", "Heat"], page.Items.Select(m => m.PostTitle));
        Assert.Equal([ronin, ronin, heat], page.Items.Select(m => m.PostId));
        Assert.Equal("Newest reply", page.Items[0].Excerpt);
        Assert.Equal("Oldest", page.Items[2].Excerpt);
        var excerpt = page.Items[1].Excerpt;
        Assert.EndsWith("…", excerpt);
        Assert.InRange(excerpt.Length, MessageService.ExcerptLength / 2, MessageService.ExcerptLength);
        Assert.StartsWith(excerpt.TrimEnd('…') + " ", longBody);
        Assert.All(page.Items, m => Assert.Equal(NotificationKind.CommentOnPost, m.Kind));
        Assert.All(page.Items, m => Assert.False(m.IsRead));
        Assert.True(page.Items[0].CreatedAt > page.Items[1].CreatedAt && page.Items[1].CreatedAt > page.Items[2].CreatedAt);
    }

    [Fact]
    public async Task GetPageAsync_LongBodyWithParagraphs_ExcerptIsCutAtAWordWithEllipsis()
    {
        var (alice, bob, _) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        var paragraph = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 4));
        var body = string.Join("\n\n\n", Enumerable.Repeat(paragraph, 6));
        await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        var excerpt = Assert.Single((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items).Excerpt;

        Assert.EndsWith("…", excerpt);
        var words = excerpt.TrimEnd('…').Split(' ');
        Assert.All(words, w => Assert.Contains(w, new[] { "lorem", "ipsum", "dolor" }));
    }

    [Fact]
    public async Task GetPageAsync_ShortCommentOfEmojiAndSpaces_IsShownWhole()
    {
        var (alice, bob, _) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        var body = string.Join("  ", Enumerable.Repeat("🎬", 36)); // 142 UTF-16 units, but only 106 characters

        await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        var excerpt = Assert.Single((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items).Excerpt;
        Assert.Equal(string.Join(' ', Enumerable.Repeat("🎬", 36)), excerpt);
    }

    [Fact]
    public async Task GetPageAsync_LongCommentOfJoinedEmoji_ExcerptEndsOnAWholeCharacter()
    {
        var (alice, bob, _) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        const string family = "👨‍👩‍👧‍👦"; // seven code points, one character
        await Db.Comments.AddAsync(bob, new NewComment(post, string.Concat(Enumerable.Repeat(family, 100))), Ct);

        var excerpt = Assert.Single((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items).Excerpt;

        // The query reads 141 code points: 20 families and the first emoji of the 21st, which must not show alone.
        Assert.Equal(string.Concat(Enumerable.Repeat(family, 20)) + "…", excerpt);
    }

    [Fact]
    public async Task MarkReadAsync_OneMessage_DropsCounterByOne()
    {
        var (alice, bob, _) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        for (var i = 0; i < 3; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"Comment {i}"), Ct);
        var target = (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items[1];

        var state = await Db.Messages.MarkReadAsync(alice, target.Id, Ct);

        Assert.Equal(2, state.Count);
        Assert.Equal(2, await Db.CounterAsync(alice));
        Assert.Equal(2, await Db.UnreadRowsAsync(alice));
        var items = (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items;
        Assert.Equal([false, true, false], items.Select(m => m.IsRead));
        Assert.Equal(state, Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice))[^1]);
    }

    [Fact]
    public async Task MarkReadAsync_AlreadyRead_ChangesNothing()
    {
        var (alice, bob, _) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        for (var i = 0; i < 2; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"Comment {i}"), Ct);
        var target = (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items[0];
        var first = await Db.Messages.MarkReadAsync(alice, target.Id, Ct);
        var published = Db.Bus.Published.Count;

        var again = await Db.Messages.MarkReadAsync(alice, target.Id, Ct);

        Assert.Equal(first, again);
        Assert.Equal(1, await Db.CounterAsync(alice));
        Assert.Equal(1, await Db.UnreadRowsAsync(alice));
        Assert.Equal(published, Db.Bus.Published.Count);
    }

    [Fact]
    public async Task MarkReadAsync_SomeoneElsesMessage_ChangesNothingForEither()
    {
        var (alice, bob, carol) = await MembersAsync();
        var alicesPost = await Db.AddPostAsync(alice);
        var carolsPost = await Db.AddPostAsync(carol, "Ronin");
        await Db.Comments.AddAsync(bob, new NewComment(alicesPost, "For Alice"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(carolsPost, "For Carol"), Ct);
        var carolsMessage = Assert.Single((await Db.Messages.GetPageAsync(carol, ct: Ct)).Items);
        var before = await Db.SnapshotAsync();

        var state = await Db.Messages.MarkReadAsync(alice, carolsMessage.Id, Ct);
        var unknown = await Db.Messages.MarkReadAsync(alice, 999_999, Ct);

        Assert.Equal(1, state.Count);
        Assert.Equal(state, unknown);
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.False(Assert.Single((await Db.Messages.GetPageAsync(carol, ct: Ct)).Items).IsRead);
        Assert.Equal(1, (await Db.Messages.GetUnreadAsync(carol, Ct)).Count);
    }

    [Fact]
    public async Task MarkAllReadAsync_UnreadMessages_CounterAndUnreadRowsBecomeZero()
    {
        var (alice, bob, carol) = await MembersAsync();
        var post = await Db.AddPostAsync(alice);
        var carolsPost = await Db.AddPostAsync(carol, "Ronin");
        for (var i = 0; i < 4; i++) await Db.Comments.AddAsync(bob, new NewComment(post, $"Comment {i}"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(carolsPost, "For Carol"), Ct);
        await Db.Messages.MarkReadAsync(alice, (await Db.Messages.GetPageAsync(alice, ct: Ct)).Items[0].Id, Ct);

        var state = await Db.Messages.MarkAllReadAsync(alice, Ct);

        Assert.Equal(0, state.Count);
        Assert.Equal(0, await Db.CounterAsync(alice));
        Assert.Equal(0, await Db.UnreadRowsAsync(alice));
        Assert.All((await Db.Messages.GetPageAsync(alice, ct: Ct)).Items, m => Assert.True(m.IsRead));
        Assert.Equal(1, await Db.UnreadRowsAsync(carol));
        Assert.Equal(1, await Db.CounterAsync(carol));
    }

    [Fact]
    public async Task MessageService_SignedOut_ThrowsSignInRequired()
    {
        foreach (var call in new Func<Task>[]
                 {
                     () => Db.Messages.GetPageAsync(null, ct: Ct), () => Db.Messages.MarkReadAsync(null, 1, Ct),
                     () => Db.Messages.MarkAllReadAsync(null, Ct),
                 })
            Assert.Equal(ForumErrorKind.SignInRequired, (await Assert.ThrowsAsync<ForumException>(call)).Kind);
    }

    [Fact]
    public async Task MarkPostReadAsync_ReadsOnlyMyMessagesOnThatPost()
    {
        var (alice, bob, carol) = await MembersAsync();
        var heat = await Db.AddPostAsync(alice, "Heat");
        var ronin = await Db.AddPostAsync(alice, "Ronin");
        var carols = await Db.AddPostAsync(carol, "Thief");
        var root = await Db.Comments.AddAsync(carol, new NewComment(heat, "Carol on Heat"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(heat, "Bob answers Carol", root.Id), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(ronin, "Bob on Ronin"), Ct);
        await Db.Comments.AddAsync(bob, new NewComment(carols, "Bob on Thief"), Ct);

        var state = await Db.Messages.MarkPostReadAsync(alice, heat, Ct);

        Assert.Equal(1, state.Count); // Ronin's message is still unread
        Assert.Equal(await Db.UnreadRowsAsync(alice), await Db.CounterAsync(alice));
        Assert.Equal(2, await Db.CounterAsync(carol)); // Carol's reply notice on Heat and her post's comment stay unread
        Assert.Equal(state, Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice))[^1]);
    }

    private async Task<(string Alice, string Bob, string Carol)> MembersAsync() =>
        (await Db.AddUserAsync("Alice"), await Db.AddUserAsync("Bob"), await Db.AddUserAsync("Carol"));
}
