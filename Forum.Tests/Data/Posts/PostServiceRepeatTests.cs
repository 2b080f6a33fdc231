using Forum.Tests.TestSupport;
using Forum.Data.Posts;

namespace Forum.Tests.Data.Posts;

/// <summary>A retried request, a double click or two tabs submitting the same draft store one post.</summary>
public class PostServiceRepeatTests : DatabaseTest
{
    private static NewPost Draft(Guid? requestId) => new("Heat", 1995, ["Crime"], "A crew of thieves and the detective who hunts them.", requestId);

    [Fact]
    public async Task CreateAsync_SameRequestIdTwice_ReturnsTheFirstPostAndStoresOne()
    {
        var alice = await Db.AddUserAsync("Alice");
        var draft = Draft(Guid.NewGuid());

        var first = await Db.Posts.CreateAsync(alice, draft, Ct);
        var second = await Db.Posts.CreateAsync(alice, draft with { Title = "Heat, again" }, Ct);

        Assert.Equal(first, second);
        Assert.Equal(1, (await Db.SnapshotAsync()).Posts);
        Assert.Equal("Heat", (await Db.PostQueries.GetAsync(first, Ct))!.Title);
    }

    [Fact]
    public async Task CreateAsync_SameRequestIdConcurrently_StoresOnePost()
    {
        var alice = await Db.AddUserAsync("Alice");
        var draft = Draft(Guid.NewGuid());

        Task<int>[] submits;
        await using (await Db.HoldWriteLockAsync())
        {
            // Every submit finds no stored draft and queues for the write lock; on release they insert one after another.
            submits = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() => Db.Posts.CreateAsync(alice, draft, Ct), Ct))];
            await Task.Delay(TimeSpan.FromMilliseconds(400), Ct);
        }
        var ids = await Task.WhenAll(submits);

        Assert.Single(ids.Distinct());
        Assert.Equal((1, 1), ((await Db.SnapshotAsync()).Posts, (await Db.SnapshotAsync()).PostGenres));
    }

    [Fact]
    public async Task CreateAsync_SameRequestIdFromAnotherMember_StoresBoth()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var requestId = Guid.NewGuid();

        var first = await Db.Posts.CreateAsync(alice, Draft(requestId), Ct);
        var second = await Db.Posts.CreateAsync(bob, Draft(requestId), Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(2, (await Db.SnapshotAsync()).Posts);
    }

    [Fact]
    public async Task CreateAsync_WithoutRequestId_StoresEverySubmit()
    {
        var alice = await Db.AddUserAsync("Alice");

        await Db.Posts.CreateAsync(alice, Draft(null), Ct);
        await Db.Posts.CreateAsync(alice, Draft(null), Ct);

        Assert.Equal(2, (await Db.SnapshotAsync()).Posts);
    }
}
