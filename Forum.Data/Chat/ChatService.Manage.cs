using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Chat;

/// <summary>The author's delete, reading a conversation, and ignoring members.</summary>
public sealed partial class ChatService
{
    /// <summary>
    /// Deletes one of the member's own messages within <see cref="ChatRules.DeleteWindow"/>: its text is blanked and every
    /// open view shows a placeholder. A private message of others answers NotFound, as an unknown id does.
    /// </summary>
    public async Task DeleteAsync(string? userId, long messageId, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to delete your messages.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ChatMessage message;
        string? recipientId = null;
        var changes = new List<UnreadChanged>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            message = await db.ChatMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct) ?? throw ChatQueries.Gone();
            if (message.ConversationId is { } conversationId)
            {
                recipientId = await db.ConversationMembers.Where(cm => cm.ConversationId == conversationId && cm.UserId == message.SenderId)
                    .Select(cm => cm.OtherUserId).FirstAsync(ct);
                var visible = message.SenderId == userId || (recipientId == userId && !message.Withheld);
                if (!visible) throw ChatQueries.Gone();
            }
            if (message.SenderId != userId) throw ForumException.Forbidden("You can only delete your own messages.");
            if (message.DeletedAt is not null) return;
            if (Now - message.CreatedAt > ChatRules.DeleteWindow)
                throw ForumException.Conflict($"Messages can be deleted for {ChatRules.DeleteWindow.TotalMinutes:0} minutes after sending; " +
                    "this one can no longer be deleted.");
            (message.DeletedAt, message.Text) = (Now, "");
            await db.SaveChangesAsync(ct);
            // The recipient's "sent you a message" goes with it, and their counter with its unread mark.
            var told = await db.Notifications.Where(n => n.ChatMessageId == messageId).Select(n => new { n.RecipientId, n.IsRead }).ToListAsync(ct);
            await db.Notifications.Where(n => n.ChatMessageId == messageId).ExecuteDeleteAsync(ct);
            foreach (var note in told) changes.Add(await UnreadCounters.AddAsync(db, note.RecipientId, note.IsRead ? 0 : -1, ct));
            await tx.CommitAsync(ct);
        }
        if (message.Room is { } room)
        {
            await bus.PublishAsync(Topics.Room(room), new ChatDeleted(room, messageId));
            return;
        }
        var deleted = new DirectDeleted(message.ConversationId!.Value, messageId);
        await bus.PublishAsync(Topics.User(userId), deleted);
        if (!message.Withheld) await bus.PublishAsync(Topics.User(recipientId!), deleted);
        // Told read or not: an open message list drops the row.
        foreach (var change in changes) await bus.PublishAsync(Topics.User(change.UserId), change);
    }

    /// <summary>
    /// The member has read their conversation with <paramref name="withUserName"/> up to its newest message, and with it
    /// every "sent you a message" of that conversation in My messages. Returns the member's unread state; changes are
    /// published (read marker, then count) after commit.
    /// </summary>
    public async Task<UnreadChanged> MarkConversationReadAsync(string? userId, string? withUserName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (me, _, id) = await ChatQueries.ResolveAsync(db, userId, withUserName, ct);
        if (id is not { } conversationId) return await UnreadCounters.GetAsync(db, me.Id, ct);
        var mine = db.ConversationMembers.Where(cm => cm.ConversationId == conversationId && cm.UserId == me.Id);
        var upTo = await mine.Select(cm => cm.LastMessageId ?? 0).FirstAsync(ct);
        var notes = db.Notifications.Where(n => n.RecipientId == me.Id && !n.IsRead && n.Kind == NotificationKind.Direct
            && n.ChatMessage!.ConversationId == conversationId);
        // Nothing new (the usual case when a conversation is opened again): answer without queueing for the write lock.
        if (!await mine.AnyAsync(cm => cm.LastReadMessageId < upTo, ct) && !await notes.AnyAsync(ct))
            return await UnreadCounters.GetAsync(db, me.Id, ct);
        int moved, marked;
        UnreadChanged state;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Markers only move forward, whichever of two tabs commits last.
            moved = await mine.Where(cm => cm.LastReadMessageId < upTo).ExecuteUpdateAsync(s => s.SetProperty(cm => cm.LastReadMessageId, upTo), ct);
            marked = await notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.IsRead, true), ct);
            state = marked > 0 ? await UnreadCounters.AddAsync(db, me.Id, -marked, ct) : await UnreadCounters.GetAsync(db, me.Id, ct);
            if (moved == 0 && marked == 0) return state;
            await tx.CommitAsync(ct);
        }
        if (moved > 0) await bus.PublishAsync(Topics.User(me.Id), new ConversationRead(me.Id, conversationId, upTo));
        if (marked > 0) await bus.PublishAsync(Topics.User(me.Id), state);
        return state;
    }

    /// <summary>
    /// From now on the member called <paramref name="userName"/> cannot reach <paramref name="userId"/> privately, and their
    /// room messages are hidden from <paramref name="userId"/>. They are not told. Ignoring twice changes nothing.
    /// </summary>
    public async Task<ChatMember> IgnoreAsync(string? userId, string? userName, CancellationToken ct = default)
    {
        var (me, other) = await ResolveIgnoreAsync(userId, userName, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.MemberIgnores.AnyAsync(i => i.UserId == me && i.IgnoredUserId == other.Id, ct)) return other;
        db.MemberIgnores.Add(new MemberIgnore { UserId = me, IgnoredUserId = other.Id, CreatedAt = Now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await IsIgnoringAsync(me, other.Id, ct)) return other; // another tab ignored them first
            throw;
        }
        await bus.PublishAsync(Topics.User(me), new IgnoreChanged(me, other.Id, true));
        return other;
    }

    /// <summary>Undoes <see cref="IgnoreAsync"/>: what the member writes from now on reaches <paramref name="userId"/> again.</summary>
    public async Task<ChatMember> UnignoreAsync(string? userId, string? userName, CancellationToken ct = default)
    {
        var (me, other) = await ResolveIgnoreAsync(userId, userName, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.MemberIgnores.Where(i => i.UserId == me && i.IgnoredUserId == other.Id).ExecuteDeleteAsync(ct);
        if (removed > 0) await bus.PublishAsync(Topics.User(me), new IgnoreChanged(me, other.Id, false));
        return other;
    }

    private async Task<(string Me, ChatMember Other)> ResolveIgnoreAsync(string? userId, string? userName, CancellationToken ct)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to ignore members.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireSenderAsync(db, userId, ct);
        var other = await ChatQueries.MemberByNameAsync(db, userName, ct) ?? throw ChatQueries.NoSuchMember(userName);
        if (other.Id == userId) throw ForumException.Invalid("You cannot ignore yourself.");
        return (userId, other);
    }

    private async Task<bool> IsIgnoringAsync(string userId, string otherId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MemberIgnores.AnyAsync(i => i.UserId == userId && i.IgnoredUserId == otherId, ct);
    }
}
