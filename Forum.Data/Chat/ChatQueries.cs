using Forum.Data.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forum.Data.Chat;

/// <summary>
/// Chat reads for every door: rooms, room history (latest, earlier, after an id), who is here, single messages.
/// A null viewer is an anonymous visitor: rooms are public, private messages are not. Every read of a signed-in viewer
/// leaves out what that viewer ignores.
/// </summary>
public sealed partial class ChatQueries(IDbContextFactory<ForumDbContext> dbFactory, IPresence presence, IOptions<ChatOptions> options)
{
    /// <summary>How many recent room messages the room list looks through for active movie rooms.</summary>
    private const int RecentScan = 500;
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public async Task<ChatRoom> GetRoomAsync(string? room, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RequireRoomAsync(db, room, ct);
    }

    /// <summary>The lobby, then the movie rooms with the most recent messages, each with how many people are in it now.</summary>
    public async Task<IReadOnlyList<ChatRoomSummary>> ListRoomsAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.ChatMessages.AsNoTracking().Where(m => m.Room != null && m.Room != ChatRooms.Lobby)
            .OrderByDescending(m => m.Id).Take(RecentScan).Select(m => m.Room!).ToListAsync(ct);
        var postIds = recent.Distinct().Select(r => ChatRooms.TryParse(r, out _, out var id) ? id : null).OfType<int>()
            .Take(Math.Clamp(take, 0, 100)).ToList();
        var titles = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var rooms = new List<ChatRoom> { new(ChatRooms.Lobby, ChatRooms.LobbyDisplayName, null) };
        rooms.AddRange(postIds.Where(titles.ContainsKey).Select(id => new ChatRoom(ChatRooms.Movie(id), ChatRooms.MovieDisplayName(titles[id]), id)));
        return [.. rooms.Select(r => new ChatRoomSummary(r, presence.Count(Places.Room(r.Name))))];
    }

    /// <summary>The latest page of a room, or the page before <paramref name="beforeId"/> ("earlier messages"), oldest first.</summary>
    public async Task<ChatPage> HistoryAsync(string? viewerId, string? room, long? beforeId = null, int? take = null, CancellationToken ct = default)
    {
        var size = PageSize(take);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await RequireRoomAsync(db, room, ct);
        var rows = await RoomPageQuery(db, where.Name, viewerId, beforeId, size + 1).ToListAsync(ct);
        return new ChatPage([.. rows.Take(size).Reverse()], rows.Count > size);
    }

    /// <summary>What a client missed: the room's messages after <paramref name="afterId"/>, oldest first (call again while More).</summary>
    public async Task<ChatPage> AfterAsync(string? viewerId, string? room, long afterId, int? take = null, CancellationToken ct = default)
    {
        var size = PageSize(take);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await RequireRoomAsync(db, room, ct);
        var rows = await RoomAfterQuery(db, where.Name, viewerId, afterId, size + 1).ToListAsync(ct);
        return new ChatPage([.. rows.Take(size)], rows.Count > size);
    }

    /// <summary>One message as the viewer may see it; a private message of others answers NotFound, as an unknown id does.</summary>
    public async Task<ChatMessageView> GetMessageAsync(string? viewerId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.ChatMessages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.Room, m.ConversationId, m.SenderId, m.Withheld }).FirstOrDefaultAsync(ct) ?? throw Gone();
        if (message.Room is not null) return await Project(db.ChatMessages.Where(m => m.Id == messageId)).SingleAsync(ct);
        if (viewerId is null || (message.Withheld && message.SenderId != viewerId)) throw Gone();
        var other = await OtherMemberAsync(db, message.ConversationId!.Value, viewerId, ct) ?? throw Gone();
        var me = await MemberAsync(db, viewerId, ct) ?? throw Gone();
        var view = await Project(db.ChatMessages.Where(m => m.Id == messageId)).SingleAsync(ct);
        return WithRecipient(view, me, other);
    }

    /// <summary>Who is in the room now (from live connections): members by name, and a count of anonymous visitors.</summary>
    public RoomPresence WhoIsHere(string room)
    {
        if (!ChatRooms.TryParse(room, out var name, out _)) throw UnknownRoom(room);
        var place = Places.Room(name);
        var members = presence.Members(place);
        return new RoomPresence(name, [.. members.Select(m => new ChatMember(m.UserId!, m.UserName ?? "", m.DisplayName))],
            presence.Count(place) - members.Count);
    }

    /// <summary>Signed-in members online now (every live circuit or socket; a member with three tabs counts once).</summary>
    public int OnlineMembers() => presence.Count(Places.Site);

    /// <summary>
    /// WHERE Room = ? [AND Id &lt; ?] ORDER BY Id DESC LIMIT ?, over IX_ChatMessages_Room_Id, minus what the viewer ignores
    /// (a primary-key probe of MemberIgnores per row); newest first.
    /// </summary>
    internal static IQueryable<ChatMessageView> RoomPageQuery(ForumDbContext db, string room, string? viewerId, long? beforeId, int take)
    {
        var rows = Visible(db, db.ChatMessages.AsNoTracking().Where(m => m.Room == room), viewerId);
        if (beforeId is { } before) rows = rows.Where(m => m.Id < before);
        return Project(rows.OrderByDescending(m => m.Id).Take(take));
    }

    /// <summary>WHERE Room = ? AND Id &gt; ? ORDER BY Id LIMIT ?, over the same index walked the other way; oldest first.</summary>
    internal static IQueryable<ChatMessageView> RoomAfterQuery(ForumDbContext db, string room, string? viewerId, long afterId, int take) =>
        Project(Visible(db, db.ChatMessages.AsNoTracking().Where(m => m.Room == room && m.Id > afterId), viewerId).OrderBy(m => m.Id).Take(take));

    internal static async Task<ChatRoom> RequireRoomAsync(ForumDbContext db, string? room, CancellationToken ct)
    {
        if (!ChatRooms.TryParse(room, out var name, out var postId)) throw UnknownRoom(room);
        if (postId is not { } id) return new ChatRoom(name, ChatRooms.LobbyDisplayName, null);
        var title = await db.Posts.AsNoTracking().Where(p => p.Id == id).Select(p => p.Title).FirstOrDefaultAsync(ct)
            ?? throw ForumException.NotFound("That movie has no chat room: the post does not exist (it may have been removed).");
        return new ChatRoom(name, ChatRooms.MovieDisplayName(title), id);
    }

    /// <summary>A message with its sender; <see cref="ChatMessageView.To"/> is filled in by the caller for private ones.</summary>
    internal static IQueryable<ChatMessageView> Project(IQueryable<ChatMessage> messages) =>
        messages.Select(m => new ChatMessageView(m.Id, m.Room, m.ConversationId,
            new ChatMember(m.SenderId, m.Sender!.UserName ?? "", m.Sender.DisplayName), null, m.Text, m.CreatedAt, m.DeletedAt != null));

    /// <summary>A private message seen by one of its two members: the recipient is whichever of the pair did not send it.</summary>
    internal static ChatMessageView WithRecipient(ChatMessageView view, ChatMember me, ChatMember other) =>
        view with { To = view.Sender.Id == me.Id ? other : me };

    /// <summary>The other member of a conversation, when <paramref name="userId"/> is one of its two members; else null.</summary>
    internal static Task<ChatMember?> OtherMemberAsync(ForumDbContext db, long conversationId, string userId, CancellationToken ct) =>
        db.ConversationMembers.AsNoTracking().Where(cm => cm.ConversationId == conversationId && cm.UserId == userId)
            .Select(cm => new ChatMember(cm.OtherUserId, cm.OtherUser!.UserName ?? "", cm.OtherUser.DisplayName)).FirstOrDefaultAsync(ct);

    internal static Task<ChatMember?> MemberAsync(ForumDbContext db, string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new ChatMember(u.Id, u.UserName ?? "", u.DisplayName)).FirstOrDefaultAsync(ct);

    /// <summary>The member with this user name (any letter case; a leading @ allowed), or null.</summary>
    internal static Task<ChatMember?> MemberByNameAsync(ForumDbContext db, string? userName, CancellationToken ct)
    {
        var normalized = Normalizer.NormalizeName(userName?.Trim().TrimStart('@'));
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new ChatMember(u.Id, u.UserName ?? "", u.DisplayName)).FirstOrDefaultAsync(ct);
    }

    internal static ForumException NoSuchMember(string? userName, bool sending = false) =>
        ForumException.NotFound($"There is no member called {userName?.Trim().TrimStart('@')}{(sending ? ", so nothing was sent" : "")}.");

    internal static ForumException Gone() => ForumException.NotFound("That message does not exist (it may have been removed).");

    private static ForumException UnknownRoom(string? room) =>
        ForumException.NotFound($"There is no chat room called “{room}”: rooms are “lobby” and “movie-<post id>”.");

    private int PageSize(int? take) => Math.Clamp(take ?? options.Value.HistoryPageSize, 1, ChatOptions.MaxPageSize);

    private static IQueryable<ChatMessage> Visible(ForumDbContext db, IQueryable<ChatMessage> rows, string? viewerId) =>
        viewerId is null ? rows : rows.Where(m => !db.MemberIgnores.Any(i => i.UserId == viewerId && i.IgnoredUserId == m.SenderId));
}
