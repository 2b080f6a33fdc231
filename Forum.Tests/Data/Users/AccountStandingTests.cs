using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Users;

/// <summary>Every write door asks the account's standing first, so a mute or ban (moderation) stops all of them at once.</summary>
public class AccountStandingTests : DatabaseTest
{
    private readonly MutedStanding _standing = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAccountStanding>(_standing);

    [Fact]
    public async Task EveryWriteDoor_MutedMember_RefusedWithTheStandingsReasonAndNothingStored()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var bobName = await Db.UserNameAsync(bob);
        var post = await Db.Posts.CreateAsync(alice, new NewPost("Heat", 1995, ["Crime"], "Thieves."), Ct);
        var comment = await Db.Comments.AddAsync(alice, new NewComment(post, "First."), Ct);
        _standing.Muted.Add(alice);
        var before = await Db.SnapshotAsync();

        Func<Task>[] writes =
        [
            () => Db.Chat.SendAsync(alice, ChatRooms.Lobby, "Hello", ct: Ct),
            () => Db.Chat.SendAsync(alice, ChatRooms.Lobby, $"@{bobName} hello", ct: Ct),
            () => Db.Chat.SendDirectAsync(alice, bobName, "Hello", ct: Ct),
            () => Db.Comments.AddAsync(alice, new NewComment(post, "Second."), Ct),
            () => Db.CommentEdits.EditAsync(alice, comment.Id, "First, edited.", Ct),
            () => Db.Posts.CreateAsync(alice, new NewPost("Alien", 1979, ["Horror"], "In space."), Ct),
            () => Db.Posts.EditAsync(alice, post, new NewPost("Heat", 1995, ["Drama"], "Thieves, edited."), Ct),
        ];
        foreach (var write in writes)
        {
            var ex = await Assert.ThrowsAsync<ForumException>(write);
            Assert.Equal((ForumErrorKind.Forbidden, MutedStanding.Reason), (ex.Kind, ex.Message));
        }

        Assert.Equal(before, await Db.SnapshotAsync());
        Assert.Equal(0, await Db.QueryAsync(db => Task.FromResult(db.ChatMessages.Count())));
        Assert.Equal("First.", (await Db.CommentQueries.ListForPostAsync(post, Ct)).Single().Body);
        Assert.All(_standing.Asked, id => Assert.Equal(alice, id));
        await Db.Chat.SendAsync(bob, ChatRooms.Lobby, "Bob is not muted", ct: Ct);
    }

    private sealed class MutedStanding : IAccountStanding
    {
        public const string Reason = "You are muted for 10 more minutes.";
        public readonly HashSet<string> Muted = [];
        public readonly List<string> Asked = [];

        public Task EnsureCanWriteAsync(string userId, CancellationToken ct)
        {
            lock (Asked) Asked.Add(userId);
            return Muted.Contains(userId) ? Task.FromException(ForumException.Forbidden(Reason)) : Task.CompletedTask;
        }
    }
}
