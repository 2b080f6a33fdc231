using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Comments;

/// <summary>
/// The author's second thoughts: edit or delete a comment while the edit window is open (15 minutes, and no reply yet).
/// A delete takes its notifications with it and moves every recipient's unread counter in the same transaction.
/// </summary>
public sealed class CommentEditService(
    IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, IAccountStanding standing, TimeProvider clock)
{
    public async Task<CommentView> EditAsync(string? userId, int commentId, string? body, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to edit your comments.");
        var text = CommentRules.Body.Require(body);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, ct) ?? throw Gone();
        await CheckWindowAsync(db, comment, userId, "edit", ct);
        await standing.EnsureCanWriteAsync(userId, ct);
        if (comment.Body != text)
        {
            comment.Body = text;
            comment.EditedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        var view = await CommentQueries.Project(db.Comments.AsNoTracking().Where(c => c.Id == commentId)).SingleAsync(CancellationToken.None);
        await bus.PublishAsync(Topics.Post(view.PostId), new CommentEdited(view));
        return view;
    }

    public async Task DeleteAsync(string? userId, int commentId, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to delete your comments.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changes = new List<UnreadChanged>();
        int postId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Read inside the write transaction, so a reply cannot slip in between the check and the delete.
            var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, ct) ?? throw Gone();
            await CheckWindowAsync(db, comment, userId, "delete", ct);
            postId = comment.PostId;
            var told = await db.Notifications.Where(n => n.CommentId == commentId)
                .GroupBy(n => n.RecipientId).Select(g => new { Recipient = g.Key, Unread = g.Count(n => !n.IsRead) })
                .ToListAsync(ct);
            await db.Notifications.Where(n => n.CommentId == commentId).ExecuteDeleteAsync(ct);
            foreach (var recipient in told) changes.Add(await UnreadCounters.AddAsync(db, recipient.Recipient, -recipient.Unread, ct));
            await db.Comments.Where(c => c.Id == commentId).ExecuteDeleteAsync(ct);
            await db.Posts.Where(p => p.Id == postId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount - 1), ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.Post(postId), new CommentRemoved(postId, commentId));
        // Every recipient is told, read or not: an open message list drops the row.
        foreach (var change in changes) await bus.PublishAsync(Topics.User(change.UserId), change);
    }

    /// <summary>Whether <paramref name="userId"/> may still change <paramref name="comment"/>; for showing the buttons.</summary>
    public static bool CanChange(CommentView comment, string? userId, bool hasReplies, DateTime now) =>
        comment.AuthorId == userId && !hasReplies && now - comment.CreatedAt <= CommentRules.EditWindow;

    private async Task CheckWindowAsync(ForumDbContext db, Comment comment, string userId, string verb, CancellationToken ct)
    {
        if (comment.AuthorId != userId) throw ForumException.Forbidden($"You can only {verb} your own comments.");
        if (comment.Moderation != Moderation.ModerationState.Visible)
            throw ForumException.Conflict("A moderator removed this comment; it can no longer be changed.");
        if (clock.GetUtcNow().UtcDateTime - comment.CreatedAt > CommentRules.EditWindow)
            throw ForumException.Conflict($"Comments can be changed for {CommentRules.EditWindow.TotalMinutes:0} minutes after posting; this one can no longer be changed.");
        if (await db.Comments.AnyAsync(c => c.ParentId == comment.Id, ct))
            throw ForumException.Conflict("Someone has replied to this comment, so it can no longer be changed.");
    }

    private static ForumException Gone() => ForumException.NotFound("That comment does not exist (it may have been removed).");
}
