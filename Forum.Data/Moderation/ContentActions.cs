using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>One moderation action on one item, inside the caller's transaction; what to publish goes to <see cref="AfterCommit"/>.</summary>
internal static class ContentActions
{
    private sealed record Target(string AuthorId, ModerationState State, int? PostId, string? Room, long? ConversationId);

    /// <summary>Returns false (and writes nothing) when the item is already in <paramref name="to"/>.</summary>
    public static async Task<bool> ApplyAsync(ForumDbContext db, Moderator actor, ContentKind kind, long id, ModerationState to,
        string reason, DateTime now, AfterCommit after, CancellationToken ct)
    {
        var target = await FindAsync(db, kind, id, ct) ?? throw ForumException.NotFound($"That {ModerationRules.KindName(kind)} does not exist.");
        if (target.State == to) return false;
        if (target.State == ModerationState.Deleted)
            throw ForumException.Conflict($"That {ModerationRules.KindName(kind)} was deleted by a moderator; it can no longer be changed.");
        var action = to switch { ModerationState.Hidden => AuditActions.Hide, ModerationState.Deleted => AuditActions.Delete, _ => AuditActions.Restore };

        switch (kind)
        {
            case ContentKind.Post: await SetPostAsync(db, (int)id, to, ct); break;
            case ContentKind.Comment: await SetCommentAsync(db, (int)id, to, ct); break;
            default:
                if (!await SetChatAsync(db, id, to, now, ct))
                    throw ForumException.Conflict("Its author deleted that message; there is nothing left to moderate.");
                break;
        }
        if (target.State == ModerationState.Visible) await DropNotificationsAsync(db, kind, id, after, ct);
        if (to != ModerationState.Visible && target.AuthorId != actor.Id)
            await NotifyAuthorAsync(db, actor, kind, target, reason, now, after, ct);
        AuditLog.Add(db, actor, action, kind, id.ToString(), reason, Describe(target.State), Describe(to), now);
        await db.SaveChangesAsync(ct);
        await CloseCasesAsync(db, kind, id.ToString(), action == AuditActions.Restore ? null : action, now, after, ct);
        await AnnounceAsync(db, kind, id, to, target, after, ct);
        return true;
    }

    public static string Describe(ModerationState state) => state.ToString().ToLowerInvariant();

    private static Task<Target?> FindAsync(ForumDbContext db, ContentKind kind, long id, CancellationToken ct) => kind switch
    {
        ContentKind.Post => db.Posts.IgnoreQueryFilters().Where(p => p.Id == id)
            .Select(p => new Target(p.AuthorId, p.Moderation, p.Id, null, null)).FirstOrDefaultAsync(ct),
        ContentKind.Comment => db.Comments.Where(c => c.Id == id)
            .Select(c => new Target(c.AuthorId, c.Moderation, c.PostId, null, null)).FirstOrDefaultAsync(ct),
        _ => db.ChatMessages.Where(m => m.Id == id)
            .Select(m => new Target(m.SenderId, m.Moderation, null, m.Room, m.ConversationId)).FirstOrDefaultAsync(ct),
    };

    private static Task<int> SetPostAsync(ForumDbContext db, int id, ModerationState to, CancellationToken ct)
    {
        var post = db.Posts.IgnoreQueryFilters().Where(p => p.Id == id);
        return to == ModerationState.Deleted
            ? post.ExecuteUpdateAsync(s => s.SetProperty(p => p.Moderation, to).SetProperty(p => p.Body, "").SetProperty(p => p.Synopsis, ""), ct)
            : post.ExecuteUpdateAsync(s => s.SetProperty(p => p.Moderation, to), ct);
    }

    private static Task<int> SetCommentAsync(ForumDbContext db, int id, ModerationState to, CancellationToken ct)
    {
        var comment = db.Comments.Where(c => c.Id == id);
        return to == ModerationState.Deleted
            ? comment.ExecuteUpdateAsync(s => s.SetProperty(c => c.Moderation, to).SetProperty(c => c.Body, ""), ct)
            : comment.ExecuteUpdateAsync(s => s.SetProperty(c => c.Moderation, to), ct);
    }

    /// <summary>A hidden message keeps its text aside (HeldText) and reads as deleted; a restore puts it back.</summary>
    private static async Task<bool> SetChatAsync(ForumDbContext db, long id, ModerationState to, DateTime now, CancellationToken ct)
    {
        var message = await db.ChatMessages.FirstAsync(m => m.Id == id, ct);
        if (message.Moderation == ModerationState.Visible && message.DeletedAt is not null) return false;
        if (to == ModerationState.Visible) (message.Text, message.HeldText, message.DeletedAt) = (message.HeldText ?? "", null, null);
        else if (to == ModerationState.Hidden) (message.HeldText, message.Text, message.DeletedAt) = (message.Text, "", now);
        else (message.HeldText, message.Text, message.DeletedAt) = (null, "", message.DeletedAt ?? now);
        message.Moderation = to;
        return true;
    }

    /// <summary>The messages that pointed at the item go with it, and each recipient's counter loses their unread marks.</summary>
    private static async Task DropNotificationsAsync(ForumDbContext db, ContentKind kind, long id, AfterCommit after, CancellationToken ct)
    {
        var notes = kind switch
        {
            ContentKind.Post => db.Notifications.Where(n => n.PostId == id && n.Kind != NotificationKind.Moderated),
            ContentKind.Comment => db.Notifications.Where(n => n.CommentId == id),
            _ => db.Notifications.Where(n => n.ChatMessageId == id),
        };
        var told = await notes.GroupBy(n => n.RecipientId)
            .Select(g => new { Recipient = g.Key, Unread = g.Count(n => !n.IsRead) }).ToListAsync(ct);
        await notes.ExecuteDeleteAsync(ct);
        foreach (var recipient in told)
            after.Add(Topics.User(recipient.Recipient), await UnreadCounters.AddAsync(db, recipient.Recipient, -recipient.Unread, ct));
    }

    private static async Task NotifyAuthorAsync(ForumDbContext db, Moderator actor, ContentKind kind, Target target, string reason,
        DateTime now, AfterCommit after, CancellationToken ct)
    {
        var note = new Notification
        {
            RecipientId = target.AuthorId, ActorId = actor.Id, Kind = NotificationKind.Moderated, PostId = target.PostId,
            Reason = reason, CreatedAt = now,
        };
        db.Notifications.Add(note);
        await db.SaveChangesAsync(ct);
        var counter = await UnreadCounters.AddAsync(db, target.AuthorId, 1, ct);
        var title = target.PostId is { } postId
            ? await db.Posts.IgnoreQueryFilters().Where(p => p.Id == postId).Select(p => p.Title).FirstOrDefaultAsync(ct) : null;
        var actorName = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.DisplayName).SingleAsync(ct);
        var item = new MessageItem(note.Id, NotificationKind.Moderated, actorName, actor.Name, target.PostId, title, null,
            MessageService.ExcerptOf(reason), now, false);
        after.Add(Topics.User(target.AuthorId), new NotificationAdded(target.AuthorId, item));
        after.Add(Topics.User(target.AuthorId), counter);
    }

    /// <summary>Acting on an item settles its open case (a restore leaves the case open for the queue).</summary>
    internal static async Task CloseCasesAsync(ForumDbContext db, ContentKind kind, string targetId, string? resolution, DateTime now,
        AfterCommit after, CancellationToken ct)
    {
        if (resolution is null) return;
        var open = await db.ModerationCases.Where(c => c.Kind == kind && c.TargetId == targetId && c.Status == CaseStatus.Open)
            .Select(c => c.Id).ToListAsync(ct);
        if (open.Count == 0) return;
        await db.ModerationCases.Where(c => open.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CaseStatus.Resolved).SetProperty(c => c.ResolvedAt, now).SetProperty(c => c.Resolution, resolution), ct);
        foreach (var caseId in open) after.Add(ModerationTopics.Queue, new CaseChanged(caseId));
    }

    private static async Task AnnounceAsync(ForumDbContext db, ContentKind kind, long id, ModerationState to, Target target,
        AfterCommit after, CancellationToken ct)
    {
        var removed = to != ModerationState.Visible;
        switch (kind)
        {
            case ContentKind.Post:
                after.Add(Topics.Post((int)id), removed ? new PostRemoved((int)id) : new PostChanged((int)id));
                break;
            case ContentKind.Comment when removed:
                after.Add(Topics.Post(target.PostId!.Value), new CommentRemoved(target.PostId.Value, (int)id));
                break;
            case ContentKind.Comment:
                var view = await CommentQueries.Project(db.Comments.AsNoTracking().Where(c => c.Id == id)).SingleAsync(ct);
                after.Add(Topics.Post(view.PostId), new CommentEdited(view));
                break;
            case ContentKind.Chat when removed && target.Room is { } room:
                after.Add(Topics.Room(room), new ChatDeleted(room, id));
                break;
            case ContentKind.Chat when removed:
                var members = await db.ConversationMembers.Where(cm => cm.ConversationId == target.ConversationId)
                    .Select(cm => cm.UserId).ToListAsync(ct);
                foreach (var member in members) after.Add(Topics.User(member), new DirectDeleted(target.ConversationId!.Value, id));
                break;
        }
    }
}
