using Forum.Data;
using Forum.Data.Posts;
using Forum.Tests.Data.Text;
using Forum.Tests.TestSupport;
using static Forum.Tests.Data.Text.TextCases;

namespace Forum.Tests.Data.Posts;

/// <summary>The text rule at the post door, for the title (one line) and the text.</summary>
public class PostServiceTextTests : DatabaseTest
{
    private static readonly NewPost Valid = new("Heat", 1995, ["Crime"], "A crew of thieves and the detective who hunts them.");

    private static readonly Dictionary<string, (NewPost Input, string Message)> Refused = new(
        TextCases.Refused(PostRules.Title).Select(p => KeyValuePair.Create("title: " + p.Key, (Valid with { Title = p.Value.Text }, p.Value.Message)))
            .Concat(TextCases.Refused(PostRules.Body).Select(p => KeyValuePair.Create("text: " + p.Key, (Valid with { Body = p.Value.Text }, p.Value.Message))))
            .Append(KeyValuePair.Create("title: two lines", (Valid with { Title = "Heat\nRonin" }, "The title must be on one line."))));

    public static TheoryData<string> RefusedCases => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task CreateAsync_RefusedText_SaysWhyAndWritesNothing(string @case)
    {
        var alice = await Db.AddUserAsync("Alice");

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.CreateAsync(alice, Refused[@case].Input, Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Contains(Refused[@case].Message, ex.Message);
        Assert.Equal(0, (await Db.SnapshotAsync()).Posts);
    }

    [Fact]
    public async Task CreateAsync_EmojiUpToTheLimits_IsStoredWhole()
    {
        var alice = await Db.AddUserAsync("Alice");
        var title = Repeat(Clapper, PostRules.TitleMax);
        var body = Repeat(ThumbTone, PostRules.BodyMax); // 40,000 UTF-16 units

        var id = await Db.Posts.CreateAsync(alice, Valid with { Title = title, Body = body }, Ct);

        var stored = (await Db.PostQueries.GetAsync(id, Ct))!;
        Assert.Equal((title, body), (stored.Title, stored.Body));
    }

    [Fact]
    public async Task CreateAsync_LongChineseText_IsStoredWithAWholeCharacterSynopsis()
    {
        var alice = await Db.AddUserAsync("Alice");
        var body = Repeat("电影讲述了一群盗贼与追捕他们的警探。", 600)[..PostRules.BodyMax];

        var id = await Db.Posts.CreateAsync(alice, Valid with { Title = "盗火线", Body = body }, Ct);

        Assert.Equal(body, (await Db.PostQueries.GetAsync(id, Ct))!.Body);
        var synopsis = (await Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items.Single().Synopsis;
        Assert.Equal(body[..(PostRules.SynopsisLength - 1)] + "…", synopsis);
    }

    [Fact]
    public async Task CreateAsync_DecomposedText_IsStoredComposed()
    {
        var alice = await Db.AddUserAsync("Alice");

        var id = await Db.Posts.CreateAsync(alice, Valid with { Title = " Ame\u0301lie ", Body = "Paris, cafe\u0301\r\nMontmartre." }, Ct);

        var stored = (await Db.PostQueries.GetAsync(id, Ct))!;
        Assert.Equal(("Am\u00E9lie", "Paris, caf\u00E9\nMontmartre."), (stored.Title, stored.Body));
    }
}
