using Forum.Data;
using Forum.Data.Posts;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Data.Posts;

public class PostServiceTests : DatabaseTest
{
    private static readonly NewPost Valid = new("  Heat  ", 1995, ["Drama", "Crime"], "A crew of thieves and the detective who hunts them.");

    /// <summary>One field made wrong at a time; the clock says 2026, so 2031 is the latest year allowed.</summary>
    private static readonly Dictionary<string, NewPost> Invalid = new()
    {
        ["empty title"] = Valid with { Title = "" },
        ["blank title"] = Valid with { Title = " \t " },
        ["long title"] = Valid with { Title = new string('t', PostRules.TitleMax + 1) },
        ["year before cinema"] = Valid with { Year = PostRules.FirstFilmYear - 1 },
        ["year too far ahead"] = Valid with { Year = 2032 },
        ["no genres"] = Valid with { Genres = [] },
        ["unknown genre"] = Valid with { Genres = ["Opera"] },
        ["one unknown genre"] = Valid with { Genres = ["Drama", "Opera"] },
        ["wrong case genre"] = Valid with { Genres = ["drama"] },
        ["too many genres"] = Valid with { Genres = ["Action", "Crime", "Drama", "Thriller", "War"] },
        ["empty body"] = Valid with { Body = "" },
        ["blank body"] = Valid with { Body = "\n \n" },
        ["long body"] = Valid with { Body = new string('b', PostRules.BodyMax + 1) },
    };

    public static TheoryData<string> InvalidCases => [.. Invalid.Keys];

    [Fact]
    public async Task CreateAsync_ValidInput_AppearsFirstInNewest()
    {
        var alice = await Db.AddUserAsync("Alice");
        await Db.Posts.CreateAsync(alice, Valid with { Title = "Older" }, Ct);
        Db.Clock.Advance(TimeSpan.FromHours(1));

        var id = await Db.Posts.CreateAsync(alice, Valid, Ct);

        var newest = (await Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items;
        Assert.Equal(["Heat", "Older"], newest.Select(p => p.Title));
        var summary = newest[0];
        Assert.Equal((id, 1995, "Crime, Drama", "Alice", 0), (summary.Id, summary.Year, summary.GenreList, summary.AuthorName, summary.CommentCount));
        Assert.Equal(Valid.Body, summary.Synopsis);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, summary.CreatedAt);
        var detail = await Db.PostQueries.GetAsync(id, Ct);
        Assert.Equal((alice, Valid.Body), (detail!.AuthorId, detail.Body));
    }

    [Fact]
    public async Task CreateAsync_LongBody_SynopsisIsShortExcerpt()
    {
        var alice = await Db.AddUserAsync("Alice");
        var body = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));

        var id = await Db.Posts.CreateAsync(alice, Valid with { Body = body }, Ct);

        var synopsis = (await Db.PostQueries.ListAsync(new PostQuery(), Ct)).Items.Single(p => p.Id == id).Synopsis;
        Assert.EndsWith("…", synopsis);
        Assert.InRange(synopsis.Length, PostRules.SynopsisLength / 2, PostRules.SynopsisLength);
        Assert.Equal(body, (await Db.PostQueries.GetAsync(id, Ct))!.Body);
    }

    [Fact]
    public async Task CreateAsync_BoundaryValues_AreAccepted()
    {
        var alice = await Db.AddUserAsync("Alice");

        await Db.Posts.CreateAsync(alice, Valid with { Year = PostRules.FirstFilmYear }, Ct);
        await Db.Posts.CreateAsync(alice, Valid with { Year = 2031 }, Ct);
        await Db.Posts.CreateAsync(alice, Valid with { Genres = ["Action", "Crime", "Drama", "Thriller"] }, Ct);
        await Db.Posts.CreateAsync(alice, Valid with { Title = new string('t', PostRules.TitleMax), Body = new string('b', PostRules.BodyMax) }, Ct);

        Assert.Equal(4, (await Db.SnapshotAsync()).Posts);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task CreateAsync_InvalidInput_ThrowsInvalidAndWritesNothing(string @case)
    {
        var alice = await Db.AddUserAsync("Alice");

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.CreateAsync(alice, Invalid[@case], Ct));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Equal(new TestDatabase.Snapshot(0, 0, 0, 0, 0, 0), await Db.SnapshotAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("deleted-account")]
    public async Task CreateAsync_NoCurrentMember_ThrowsSignInRequiredAndWritesNothing(string? userId)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Posts.CreateAsync(userId, Valid, Ct));

        Assert.Equal(ForumErrorKind.SignInRequired, ex.Kind);
        Assert.Equal(0, (await Db.SnapshotAsync()).Posts);
    }
}
