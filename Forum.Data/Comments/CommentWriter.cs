using System.Threading.Channels;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Comments;

/// <summary>A checked comment waiting for the writer, and where its answer goes.</summary>
internal sealed record PendingComment(string UserId, NewComment Input, string Body, CancellationToken Cancelled)
{
    public TaskCompletionSource<CommentView> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The one writer of new comments on this node. Comments that arrive while a group commits wait and go in the next
/// group: one transaction (checks, comments, notifications, unread counters, post counts), one commit, then each
/// comment, message and count is published. Under load a commit serves many writers; alone, a comment is a group of one.
/// A group that fails as a whole (a constraint another node raced us to) is retried one comment at a time, so one bad
/// comment never fails its neighbours.
/// </summary>
public sealed partial class CommentWriter : IAsyncDisposable
{
    /// <summary>The most comments one transaction takes; more wait for the next.</summary>
    public const int MaxGroup = 64;

    private readonly Channel<PendingComment> queue = Channel.CreateUnbounded<PendingComment>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<ForumDbContext> dbFactory;
    private readonly INotificationBus bus;
    private readonly IPresence presence;
    private readonly IAccountStanding standing;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Task loop;
    private long groups, comments;

    /// <summary>Groups committed and the comments in them since start (the average group size shows how much a commit serves).</summary>
    public (long Groups, long Comments) Written => (Interlocked.Read(ref groups), Interlocked.Read(ref comments));

    public CommentWriter(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, IPresence presence, IAccountStanding standing,
        TimeProvider clock, ILogger<CommentWriter> logger)
    {
        (this.dbFactory, this.bus, this.presence, this.standing, this.clock, this.logger) = (dbFactory, bus, presence, standing, clock, logger);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the comment and waits for its commit; once taken into a group it is written even if the caller leaves.</summary>
    internal Task<CommentView> WriteAsync(PendingComment comment)
    {
        if (!queue.Writer.TryWrite(comment)) throw ShuttingDown();
        return comment.Done.Task;
    }

    private async Task RunAsync()
    {
        var group = new List<PendingComment>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var next))
            {
                if (next.Cancelled.IsCancellationRequested) next.Done.TrySetCanceled(next.Cancelled);
                else group.Add(next);
            }
            if (group.Count == 0) continue;
            try
            {
                await WriteGroupAsync(group);
            }
            catch (Exception e) when (group.Count > 1)
            {
                logger.LogInformation(e, "A group of {Count} comments failed; writing them one at a time", group.Count);
                foreach (var one in group.Where(c => !c.Done.Task.IsCompleted)) await WriteAloneAsync(one);
            }
            catch (Exception e)
            {
                await FailAloneAsync(group[0], e);
            }
            group.Clear();
        }
    }

    private async Task WriteAloneAsync(PendingComment comment)
    {
        try
        {
            await WriteGroupAsync([comment]);
        }
        catch (Exception e)
        {
            await FailAloneAsync(comment, e);
        }
    }

    /// <summary>A lone comment whose write failed: a retry another node stored first answers with that comment.</summary>
    private async Task FailAloneAsync(PendingComment comment, Exception error)
    {
        try
        {
            if (error is DbUpdateException && comment.Input.RequestId is { } requestId)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                if (await FindRepeatAsync(db, comment.UserId, requestId) is { } stored)
                {
                    comment.Done.TrySetResult(stored);
                    return;
                }
            }
        }
        catch (Exception lookup)
        {
            logger.LogWarning(lookup, "Looking for a stored repeat of a failed comment failed");
        }
        // The node stopping under a write (its database factory disposed) is not the comment's fault: try again elsewhere.
        if (error is ObjectDisposedException) error = ShuttingDown();
        else if (error is not ForumException) logger.LogError(error, "Writing a comment failed");
        comment.Done.TrySetException(error);
    }

    private static ForumException ShuttingDown() =>
        ForumException.Unavailable("The forum is restarting and could not take your comment; send it again in a moment.", TimeSpan.FromSeconds(5));

    private static Task<CommentView?> FindRepeatAsync(ForumDbContext db, string userId, Guid requestId) =>
        CommentQueries.Project(db.Comments.AsNoTracking().Where(c => c.AuthorId == userId && c.RequestId == requestId)).FirstOrDefaultAsync();

    public async ValueTask DisposeAsync()
    {
        // What is queued is still written; then the loop ends.
        queue.Writer.TryComplete();
        await loop;
    }
}
