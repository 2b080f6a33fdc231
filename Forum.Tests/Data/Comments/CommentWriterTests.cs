using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Moderation;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Comments;

/// <summary>
/// The node's one comment writer: comments that arrive while a commit runs are written together in the next one, each
/// with its own answer; a refused comment never fails the others, and a group that fails as a whole is written again
/// one comment at a time, leaving nothing of the failed attempt behind.
/// </summary>
public class CommentWriterTests : DatabaseTest
{
    private readonly GateStanding _standing = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAccountStanding>(_standing);

    private CommentWriter Writer => Db.Services.GetRequiredService<CommentWriter>();

    [Fact]
    public async Task AddAsync_CommentsArrivingDuringACommit_OneCommitEachAnsweredAndRefusalsKeptApart()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var carol = await Db.AddUserAsync("Carol");
        var post = await Db.AddPostAsync(alice);
        var other = await Db.AddPostAsync(carol, "Alien");
        var elsewhere = await Db.Comments.AddAsync(bob, new NewComment(other, "On the other film."), Ct);
        var opener = await Db.Comments.AddAsync(bob, new NewComment(post, "Opener."), Ct);
        _standing.Banned = carol;
        var before = Writer.Written;

        var first = await HoldFirstGroupAsync(() => Db.Comments.AddAsync(bob, new NewComment(post, "First."), Ct));
        var draft = Guid.NewGuid();
        var good = Db.Comments.AddAsync(bob, new NewComment(post, "Second.", RequestId: draft), Ct);
        var twice = Db.Comments.AddAsync(bob, new NewComment(post, "Second.", RequestId: draft), Ct);
        var noPost = Db.Comments.AddAsync(bob, new NewComment(999_999, "Nowhere."), Ct);
        var banned = Db.Comments.AddAsync(carol, new NewComment(post, "Let me in."), Ct);
        var wrongThread = Db.Comments.AddAsync(bob, new NewComment(post, "Reply.", elsewhere.Id), Ct);
        var reply = Db.Comments.AddAsync(alice, new NewComment(post, "Alice answers.", opener.Id), Ct);
        _standing.Release.SetResult();

        Assert.Equal((await good).Id, (await twice).Id);
        Assert.Equal(ForumErrorKind.NotFound, (await Assert.ThrowsAsync<ForumException>(() => noPost)).Kind);
        Assert.Equal(ForumErrorKind.Forbidden, (await Assert.ThrowsAsync<ForumException>(() => banned)).Kind);
        Assert.Equal(ForumErrorKind.Invalid, (await Assert.ThrowsAsync<ForumException>(() => wrongThread)).Kind);
        Assert.Equal(opener.Id, (await reply).ParentId);
        Assert.Equal((before.Groups + 2, before.Comments + 3), Writer.Written);

        // Alice heard of Bob's three comments (her own reply tells only Bob): the counter, the rows, the last event agree.
        Assert.Equal((3, 3), (await Db.CounterAsync(alice), await Db.UnreadRowsAsync(alice)));
        Assert.Equal(1, await Db.CounterAsync(bob));
        Assert.Equal(3, Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice)).MaxBy(e => e.Version)!.Count);
        Assert.Equal(4, (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount);
        Assert.Equal(["Opener.", "First.", "Second.", "Alice answers."], (await Db.CommentQueries.ListForPostAsync(post, Ct)).Select(c => c.Body));
        Assert.Equal(4, Db.Bus.EventsOn<CommentAdded>(Topics.Post(post)).Count);
    }

    [Fact]
    public async Task AddAsync_GroupFailsAsAWhole_WrittenOneByOneWithNothingOfTheFailedAttempt()
    {
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var draft = Guid.NewGuid();
        // The second group's transaction also stores a comment under Bob's draft id: its commit fails on the unique key.
        _standing.Sabotage = db => db.Comments.Add(new Comment { PostId = post, AuthorId = bob, Body = "Planted.", CreatedAt = DateTime.UtcNow, RequestId = draft });

        var first = await HoldFirstGroupAsync(() => Db.Comments.AddAsync(bob, new NewComment(post, "First."), Ct));
        var queued = new[]
        {
            Db.Comments.AddAsync(bob, new NewComment(post, "Mine.", RequestId: draft), Ct),
            Db.Comments.AddAsync(alice, new NewComment(post, "Alice too."), Ct),
            Db.Comments.AddAsync(bob, new NewComment(post, "Third."), Ct),
        };
        _standing.Release.SetResult();
        await first;
        var written = await Task.WhenAll(queued);

        Assert.Equal(4, written.Select(c => c.Id).Append((await first).Id).Distinct().Count());
        Assert.Equal(["First.", "Mine.", "Alice too.", "Third."], (await Db.CommentQueries.ListForPostAsync(post, Ct)).Select(c => c.Body));
        Assert.Equal((3, 3), (await Db.CounterAsync(alice), await Db.UnreadRowsAsync(alice)));
        Assert.Equal(4, (await Db.PostQueries.GetAsync(post, Ct))!.CommentCount);
        Assert.Equal(4, Db.Bus.EventsOn<CommentAdded>(Topics.Post(post)).Count);
        Assert.Equal(3, Db.Bus.EventsOn<UnreadChanged>(Topics.User(alice)).MaxBy(e => e.Version)!.Count);
    }

    [Fact]
    public async Task AddAsync_RowsAreStoredAsEfStoresThem_SoEveryQueryFindsThemByValue()
    {
        // The writer inserts with its own SQL: each value must match what EF's queries compare it with (dates, ids, enums).
        var alice = await Db.AddUserAsync("Alice");
        var bob = await Db.AddUserAsync("Bob");
        var post = await Db.AddPostAsync(alice);
        var opener = await Db.Comments.AddAsync(bob, new NewComment(post, "Opener."), Ct);
        var requestId = Guid.NewGuid();

        var reply = await Db.Comments.AddAsync(alice, new NewComment(post, "Found by value.", opener.Id, requestId), Ct);

        var found = await Db.QueryAsync(async db => (
            await db.Comments.CountAsync(c => c.Id == reply.Id && c.CreatedAt == reply.CreatedAt && c.RequestId == requestId
                && c.ParentId == opener.Id && c.AuthorId == alice && c.Moderation == ModerationState.Visible && c.EditedAt == null, Ct),
            await db.Notifications.CountAsync(n => n.CommentId == reply.Id && n.RecipientId == bob && n.ActorId == alice
                && n.Kind == NotificationKind.ReplyToComment && n.PostId == post && n.PostAuthorId == alice && n.CreatedAt == reply.CreatedAt
                && !n.IsRead && n.ChatMessageId == null, Ct)));
        Assert.Equal((1, 1), found);
        Assert.Equal(reply, await Db.CommentQueries.GetAsync(reply.Id, Ct));
    }

    [Fact]
    public async Task AddAsync_WhileTheNodeStops_AnswersUnavailableWithARetryAndWritesNothing()
    {
        var alice = await Db.AddUserAsync("Alice");
        var post = await Db.AddPostAsync(alice);
        await Writer.DisposeAsync();

        var refused = await Assert.ThrowsAsync<ForumException>(() => Db.Comments.AddAsync(alice, new NewComment(post, "Too late."), Ct));

        Assert.Equal(ForumErrorKind.Unavailable, refused.Kind);
        Assert.NotNull(refused.RetryAfter);
        Assert.Empty(await Db.CommentQueries.ListForPostAsync(post, Ct));
    }

    /// <summary>Starts a write and waits until the writer holds it inside its transaction (the gate), so what follows queues.</summary>
    private async Task<Task<CommentView>> HoldFirstGroupAsync(Func<Task<CommentView>> write)
    {
        _standing.Arm();
        var held = write();
        await _standing.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        return held;
    }

    /// <summary>Once armed, holds the next group at its standing check until released; then can plant a conflicting row once.</summary>
    private sealed class GateStanding : IAccountStanding
    {
        private int _armed;
        private Action<ForumDbContext>? _sabotage;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Banned { get; set; }
        public Action<ForumDbContext>? Sabotage { set => _sabotage = value; }

        public void Arm() => _armed = 1;

        public Task EnsureCanWriteAsync(string userId, CancellationToken ct) => Task.CompletedTask;

        public async Task<IReadOnlyDictionary<string, ForumException>> RefusalsAsync(ForumDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Entered.SetResult();
                await Release.Task;
            }
            else if (Release.Task.IsCompleted) Interlocked.Exchange(ref _sabotage, null)?.Invoke(db);
            return Banned is { } banned && userIds.Contains(banned)
                ? new Dictionary<string, ForumException> { [banned] = ForumException.Forbidden("You are banned.") }
                : new Dictionary<string, ForumException>();
        }
    }
}
