using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Chat;

/// <summary>A conversation as one of its two members sees it: with whom, its id (null before the first message), a page.</summary>
public sealed record DirectHistory(ChatMember Other, long? ConversationId, ChatPage Page);

/// <summary>One row of "my conversations" as the database returns it (the last message's columns null when there is none).</summary>
internal sealed record ConversationRow(
    long ConversationId, DateTime? LastMessageAt, ChatMember Other, long? LastId, string? LastSenderId, string? LastText,
    DateTime? LastCreatedAt, bool LastDeleted, int Unread);

/// <summary>Private messages and ignores. Only the two members of a conversation can load it; anyone else learns nothing.</summary>
public sealed partial class ChatQueries
{
    public const int MaxConversationsPage = 100;

    /// <summary>The member's conversations, the one with the newest message first, each with its unread count.</summary>
    public async Task<ConversationPage> ConversationsAsync(string? userId, ConversationCursor? after = null, int take = 20, CancellationToken ct = default)
    {
        if (userId is null) throw SignInToRead();
        take = Math.Clamp(take, 1, MaxConversationsPage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await MemberAsync(db, userId, ct) ?? throw SignInToRead();
        var rows = await ConversationsPageQuery(db, userId, after, take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(r => new ConversationSummary(r.ConversationId, r.Other,
            r.LastId is not { } lastId ? null : new ChatMessageView(lastId, null, r.ConversationId, r.LastSenderId == userId ? me : r.Other,
                r.LastSenderId == userId ? r.Other : me, r.LastText ?? "", r.LastCreatedAt ?? default, r.LastDeleted),
            r.Unread, r.LastMessageAt!.Value)).ToList();
        return new ConversationPage(items, rows.Count > take ? new ConversationCursor(items[^1].LastMessageAt, items[^1].ConversationId) : null);
    }

    /// <summary>The latest page of the member's conversation with <paramref name="withUserName"/>, or the page before an id.</summary>
    public async Task<DirectHistory> ConversationAsync(
        string? userId, string? withUserName, long? beforeId = null, int? take = null, CancellationToken ct = default)
    {
        var size = PageSize(take);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (me, other, id) = await ResolveAsync(db, userId, withUserName, ct);
        if (id is not { } conversationId) return new DirectHistory(other, null, new ChatPage([], false));
        var page = await ConversationPageQuery(db, conversationId, me.Id, beforeId, size + 1).ToListAsync(ct);
        return new DirectHistory(other, id, new ChatPage([.. page.Take(size).Reverse().Select(v => WithRecipient(v, me, other))], page.Count > size));
    }

    /// <summary>The conversation's messages after <paramref name="afterId"/>, oldest first: a catch-up after a lost connection.</summary>
    public async Task<DirectHistory> ConversationAfterAsync(
        string? userId, string? withUserName, long afterId, int? take = null, CancellationToken ct = default)
    {
        var size = PageSize(take);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (me, other, id) = await ResolveAsync(db, userId, withUserName, ct);
        if (id is not { } conversationId) return new DirectHistory(other, null, new ChatPage([], false));
        var page = await ConversationAfterQuery(db, conversationId, me.Id, afterId, size + 1).ToListAsync(ct);
        return new DirectHistory(other, id, new ChatPage([.. page.Take(size).Select(v => WithRecipient(v, me, other))], page.Count > size));
    }

    /// <summary>The members <paramref name="userId"/> ignores, by display name.</summary>
    public async Task<IReadOnlyList<ChatMember>> IgnoredAsync(string? userId, CancellationToken ct = default)
    {
        if (userId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from i in db.MemberIgnores.AsNoTracking()
                      where i.UserId == userId
                      join u in db.Users on i.IgnoredUserId equals u.Id
                      orderby u.DisplayName, u.UserName
                      select new ChatMember(u.Id, u.UserName ?? "", u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>The ids a live view filters room messages by (empty for a visitor); reload it on <see cref="IgnoreChanged"/>.</summary>
    public async Task<IReadOnlySet<string>> IgnoredIdsAsync(string? userId, CancellationToken ct = default)
    {
        if (userId is null) return new HashSet<string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.MemberIgnores.AsNoTracking().Where(i => i.UserId == userId).Select(i => i.IgnoredUserId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> IsIgnoringAsync(string? userId, string otherUserId, CancellationToken ct = default)
    {
        if (userId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MemberIgnores.AnyAsync(i => i.UserId == userId && i.IgnoredUserId == otherUserId, ct);
    }

    /// <summary>
    /// WHERE UserId = ? AND LastMessageAt IS NOT NULL, keyset on (LastMessageAt, ConversationId) descending over
    /// IX_ConversationMembers_UserId_LastMessageAt_ConversationId; each row with its last message (a primary-key probe) and
    /// its unread count (newer than the read marker, from the other member, delivered, not deleted: a range of
    /// IX_ChatMessages_ConversationId_Id as long as the unread run).
    /// </summary>
    internal static IQueryable<ConversationRow> ConversationsPageQuery(ForumDbContext db, string userId, ConversationCursor? after, int take)
    {
        var rows = db.ConversationMembers.AsNoTracking().Where(cm => cm.UserId == userId && cm.LastMessageAt != null);
        if (after is not null)
            rows = rows.Where(cm => cm.LastMessageAt <= after.LastMessageAt
                && (cm.LastMessageAt < after.LastMessageAt || cm.ConversationId < after.ConversationId));
        return rows.OrderByDescending(cm => cm.LastMessageAt).ThenByDescending(cm => cm.ConversationId).Take(take)
            .Select(cm => new ConversationRow(cm.ConversationId, cm.LastMessageAt,
                new ChatMember(cm.OtherUserId, cm.OtherUser!.UserName ?? "", cm.OtherUser.DisplayName),
                cm.LastMessageId, cm.LastMessage!.SenderId, cm.LastMessage.Text, (DateTime?)cm.LastMessage.CreatedAt, cm.LastMessage.DeletedAt != null,
                db.ChatMessages.Count(m => m.ConversationId == cm.ConversationId && m.Id > cm.LastReadMessageId
                    && m.SenderId != userId && !m.Withheld && m.DeletedAt == null)));
    }

    /// <summary>WHERE ConversationId = ? [AND Id &lt; ?] ORDER BY Id DESC LIMIT ?, over IX_ChatMessages_ConversationId_Id; newest first.</summary>
    internal static IQueryable<ChatMessageView> ConversationPageQuery(ForumDbContext db, long conversationId, string viewerId, long? beforeId, int take)
    {
        var rows = ConversationMessages(db, conversationId, viewerId);
        if (beforeId is { } before) rows = rows.Where(m => m.Id < before);
        return Project(rows.OrderByDescending(m => m.Id).Take(take));
    }

    /// <summary>WHERE ConversationId = ? AND Id &gt; ? ORDER BY Id LIMIT ?; oldest first.</summary>
    internal static IQueryable<ChatMessageView> ConversationAfterQuery(ForumDbContext db, long conversationId, string viewerId, long afterId, int take) =>
        Project(ConversationMessages(db, conversationId, viewerId).Where(m => m.Id > afterId).OrderBy(m => m.Id).Take(take));

    /// <summary>A conversation's messages as <paramref name="viewerId"/> (one of its members) sees them: withheld ones only to their sender.</summary>
    private static IQueryable<ChatMessage> ConversationMessages(ForumDbContext db, long conversationId, string viewerId) =>
        db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && (!m.Withheld || m.SenderId == viewerId));

    /// <summary>The conversation between a member and another named one; its id is null while they have never written.</summary>
    internal static async Task<(ChatMember Me, ChatMember Other, long? ConversationId)> ResolveAsync(
        ForumDbContext db, string? userId, string? withUserName, CancellationToken ct)
    {
        if (userId is null) throw SignInToRead();
        var me = await MemberAsync(db, userId, ct) ?? throw SignInToRead();
        var other = await MemberByNameAsync(db, withUserName, ct) ?? throw NoSuchMember(withUserName);
        if (other.Id == me.Id) throw ForumException.Invalid("That is you: private messages are between two members.");
        var (first, second) = Conversation.Order(me.Id, other.Id);
        var id = await db.Conversations.Where(c => c.FirstUserId == first && c.SecondUserId == second).Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(ct);
        return (me, other, id);
    }

    private static ForumException SignInToRead() => ForumException.SignInRequired("Sign in to read your private messages.");
}
