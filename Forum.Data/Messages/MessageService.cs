using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Messages;

/// <summary>The message center: its page, its unread count, and marking read (which publishes the new count after commit).</summary>
public sealed class MessageService(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus)
{
    public const int ExcerptLength = 140;
    public const int MaxPageSize = 100;

    public async Task<MessagePage> GetPageAsync(string? userId, MessageCursor? after = null, int take = 20, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to read your messages.");
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await PageQuery(db, userId, after, take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(r => r with { Excerpt = ExcerptOf(r.Excerpt) }).ToList();
        var next = rows.Count > take ? new MessageCursor(items[^1].CreatedAt, items[^1].Id) : null;
        return new MessagePage(items, next);
    }

    /// <summary>
    /// The member's messages after <paramref name="afterId"/>, oldest first: what a live client missed while away (ids
    /// only grow, and rows outlive a restart, so this needs no replay buffer in memory).
    /// </summary>
    public async Task<IReadOnlyList<MessageItem>> GetAfterAsync(string userId, long afterId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Project(db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId && n.Id > afterId)
            .OrderBy(n => n.Id).Take(Math.Clamp(take, 1, MaxPageSize))).ToListAsync(ct);
        return [.. rows.Select(r => r with { Excerpt = ExcerptOf(r.Excerpt) })];
    }

    /// <summary>
    /// A message's excerpt from its comment's body (or from the first ExcerptLength + 1 characters of it, which is all the
    /// page query fetches): receiving more than ExcerptLength code points (as SQL counts them) means the body may go on,
    /// so the excerpt ends at a whole word with "…" even when collapsing whitespace made it short.
    /// </summary>
    public static string ExcerptOf(string body)
    {
        var runes = 0;
        var end = 0;
        foreach (var rune in body.EnumerateRunes())
        {
            if (++runes > ExcerptLength + 1) break;
            end += rune.Utf16SequenceLength;
        }
        return TextRules.Excerpt(body[..end], ExcerptLength, more: runes > ExcerptLength);
    }

    /// <summary>notifications → comments → posts → users in one statement, keyset-paged on (CreatedAt, Id) over the recipient index.</summary>
    public static IQueryable<MessageItem> PageQuery(ForumDbContext db, string userId, MessageCursor? after, int take)
    {
        var rows = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        if (after is not null)
            rows = rows.Where(n => n.CreatedAt <= after.CreatedAt && (n.CreatedAt < after.CreatedAt || n.Id < after.Id));
        return Project(rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take));
    }

    /// <summary>
    /// notifications → comments → posts → users (or → chat messages for a private message), the excerpt still raw (see
    /// <see cref="ExcerptOf"/>).
    /// </summary>
    private static IQueryable<MessageItem> Project(IQueryable<Notification> rows) =>
        rows.Select(n => new MessageItem(n.Id, n.Kind, n.Actor!.DisplayName, n.Actor.UserName ?? "", n.PostId, n.Post!.Title, n.CommentId,
            n.Reason != null ? n.Reason.Substring(0, ExcerptLength + 1)
                : n.CommentId != null ? n.Comment!.Body.Substring(0, ExcerptLength + 1) : n.ChatMessage!.Text.Substring(0, ExcerptLength + 1),
            n.CreatedAt, n.IsRead, n.ChatMessageId));

    public async Task<UnreadChanged> GetUnreadAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UnreadCounters.GetAsync(db, userId, ct);
    }

    /// <summary>Marks one of the member's own messages read; someone else's id or an unknown one changes nothing.</summary>
    public Task<UnreadChanged> MarkReadAsync(string? userId, long notificationId, CancellationToken ct = default) =>
        MarkAsync(userId, n => n.Id == notificationId, ct);

    /// <summary>
    /// Marks one of the member's own messages read, for clients that must learn of a wrong id: an unknown id and another
    /// member's message answer the same NotFound, so the answer never reveals that someone else's message exists.
    /// </summary>
    public async Task<UnreadChanged> MarkOwnReadAsync(string? userId, long notificationId, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to read your messages.");
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Notifications.AnyAsync(n => n.Id == notificationId && n.RecipientId == userId, ct))
                throw ForumException.NotFound("You have no message with that id.");
        }
        return await MarkReadAsync(userId, notificationId, ct);
    }

    public Task<UnreadChanged> MarkAllReadAsync(string? userId, CancellationToken ct = default) =>
        MarkAsync(userId, _ => true, ct);

    /// <summary>Reading a thread reads its messages: everything the member was told about this post.</summary>
    public Task<UnreadChanged> MarkPostReadAsync(string? userId, int postId, CancellationToken ct = default) =>
        MarkAsync(userId, n => n.PostId == postId, ct);

    private async Task<UnreadChanged> MarkAsync(string? userId, System.Linq.Expressions.Expression<Func<Notification, bool>> which, CancellationToken ct)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to read your messages.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unread = db.Notifications.Where(n => n.RecipientId == userId && !n.IsRead).Where(which);
        // Nothing to mark (the usual case when a thread is opened): answer without queueing for the write lock.
        if (!await unread.AnyAsync(ct)) return await UnreadCounters.GetAsync(db, userId, ct);
        UnreadChanged state;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // PostgreSQL: one mark per member at a time, so two marks locking the same rows in different orders cannot
            // deadlock (40P01 was seen under concurrent mark-all and mark-one). SQLite's writer is serial already.
            await Providers.PostgresProvider.LockForWriteAsync(db, $"unread:{userId}", ct);
            var marked = await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.IsRead, true), ct);
            if (marked == 0) return await UnreadCounters.GetAsync(db, userId, ct);
            state = await UnreadCounters.AddAsync(db, userId, -marked, ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.User(userId), state);
        return state;
    }
}
