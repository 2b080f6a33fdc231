using Forum.Data;
using Forum.Data.Comments;
using Forum.Tests.Data.Text;
using Forum.Tests.TestSupport;
using static Forum.Tests.Data.Text.TextCases;

namespace Forum.Tests.Data.Comments;

/// <summary>The text rule at the comment door: characters as a reader counts them, invisible text refused, NFC stored.</summary>
public class CommentServiceTextTests : DatabaseTest
{
    private static readonly IReadOnlyDictionary<string, (string Text, string Message)> Refused = TextCases.Refused(CommentRules.Body);

    public static TheoryData<string> RefusedCases => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task AddAsync_RefusedText_SaysWhyAndWritesNothing(string @case)
    {
        var (bob, post) = await ArrangeAsync();
        var before = await Db.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(bob, new NewComment(post, Refused[@case].Text), Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Contains(Refused[@case].Message, ex.Message);
        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Empty(Db.Bus.Published);
    }

    [Fact]
    public async Task AddAsync_OneThousandAndOneEmoji_IsStoredWhole()
    {
        var (bob, post) = await ArrangeAsync();
        var body = Repeat(Clapper, 1_001); // 2,002 UTF-16 units

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        Assert.Equal(body, comment.Body);
        Assert.Equal(body, Assert.Single(await Db.CommentQueries.ListForPostAsync(post, Ct)).Body);
    }

    [Fact]
    public async Task AddAsync_LimitOfSkinToneEmoji_FillsTheUnitCapExactly()
    {
        var (bob, post) = await ArrangeAsync();
        var body = Repeat(ThumbTone, CommentRules.BodyMax);

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        Assert.Equal(CommentRules.Body.MaxUnits, comment.Body.Length);
    }

    [Fact]
    public async Task AddAsync_DecomposedAccents_AreStoredComposed()
    {
        var (bob, post) = await ArrangeAsync();

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, "  Cafe\u0301 \u1100\u1161\r\nfin\u0000 "), Ct);

        Assert.Equal("Caf\u00E9 \uAC00\nfin", comment.Body);
        Assert.Equal(comment.Body, Assert.Single(await Db.CommentQueries.ListForPostAsync(post, Ct)).Body);
    }

    [Fact]
    public async Task AddAsync_InvisibleCharactersInsideVisibleText_AreKept()
    {
        var (bob, post) = await ArrangeAsync();
        var body = "Heat\u200B is \u2764\uFE0F"; // a zero-width space, and a heart with its emoji selector

        var comment = await Db.Comments.AddAsync(bob, new NewComment(post, body), Ct);

        Assert.Equal(body, comment.Body);
    }

    private async Task<(string Bob, int Post)> ArrangeAsync()
    {
        var alice = await Db.AddUserAsync("Alice");
        return (await Db.AddUserAsync("Bob"), await Db.AddPostAsync(alice));
    }
}
