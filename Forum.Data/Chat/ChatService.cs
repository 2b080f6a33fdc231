using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Chat;

/// <summary>
/// Chat writes for every door (pages, REST, sockets): sending to a room or privately, deleting, reading a conversation,
/// ignoring. Each checks who asks, the text rule, the account's standing and the flood rules before it stores anything,
/// commits, and only then publishes; publishing only queues, so the sender never waits for the room's fan-out.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, IPresence presence, IAccountStanding standing,
    ChatLimiter limiter, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Sends <paramref name="text"/> to <paramref name="room"/>; "@name rest" sends "rest" privately to that member
    /// instead (shown to the two of them only). A repeat of <paramref name="requestId"/> returns the first message.
    /// </summary>
    public async Task<ChatMessageView> SendAsync(string? userId, string? room, string? text, Guid? requestId = null, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to chat: visitors can read the rooms but not write in them.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindRepeatAsync(db, userId, requestId, ct) is { } repeat) return repeat;
        var where = await ChatQueries.RequireRoomAsync(db, room, ct);
        var clean = ChatRules.Text.Require(text);
        if (ChatRules.TryParseMention(clean, out var name, out var rest))
        {
            if (string.IsNullOrWhiteSpace(rest)) throw ForumException.Invalid($"Write your message after @{name}.");
            return await SendDirectAsync(db, userId, name, rest, requestId, ct);
        }
        var sender = await RequireSenderAsync(db, userId, ct);
        await standing.EnsureCanWriteAsync(userId, ct);
        limiter.Admit(userId, where.Name, clean, requestId);

        var message = new ChatMessage { Room = where.Name, SenderId = userId, Text = clean, CreatedAt = Now, RequestId = requestId };
        db.ChatMessages.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (requestId is not null)
        {
            return await RepeatAfterRaceAsync(userId, requestId, ct);
        }
        // Committed: from here on the caller going away must not stop the live update.
        var view = new ChatMessageView(message.Id, where.Name, null, sender, null, clean, message.CreatedAt, false);
        await bus.PublishAsync(Topics.Room(where.Name), new ChatPosted(view));
        return view;
    }

    /// <summary>The sender as chat shows them; an account deleted since sign-in cannot write.</summary>
    private static async Task<ChatMember> RequireSenderAsync(ForumDbContext db, string userId, CancellationToken ct) =>
        await ChatQueries.MemberAsync(db, userId, ct) ?? throw ForumException.SignInRequired("Your account no longer exists; sign in again.");

    /// <summary>The message the member already sent with this request id, as they saw it then (or its placeholder).</summary>
    private static async Task<ChatMessageView?> FindRepeatAsync(ForumDbContext db, string userId, Guid? requestId, CancellationToken ct)
    {
        if (requestId is null) return null;
        var view = await ChatQueries.Project(db.ChatMessages.AsNoTracking().Where(m => m.SenderId == userId && m.RequestId == requestId))
            .FirstOrDefaultAsync(ct);
        if (view?.ConversationId is not { } conversationId) return view;
        var other = await ChatQueries.OtherMemberAsync(db, conversationId, userId, ct);
        return other is null ? view : ChatQueries.WithRecipient(view, view.Sender, other);
    }

    /// <summary>A concurrent send of the same draft won the unique (SenderId, RequestId) index between our check and our insert.</summary>
    private async Task<ChatMessageView> RepeatAfterRaceAsync(string userId, Guid? requestId, CancellationToken ct)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
        return await FindRepeatAsync(fresh, userId, requestId, ct)
            ?? throw new InvalidOperationException("The message could not be stored, and no earlier send of this draft exists.");
    }
}
