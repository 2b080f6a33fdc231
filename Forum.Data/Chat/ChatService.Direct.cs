using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Chat;

/// <summary>
/// Private messages: one conversation per pair, the recipient's read marker, the ignore rule, and the recipient's
/// message-center entry ("Bob sent you a message") with its unread counter, all in the message's transaction.
/// </summary>
public sealed partial class ChatService
{
    /// <summary>
    /// Sends <paramref name="text"/> to the member called <paramref name="toUserName"/> alone. When that member ignores the
    /// sender the message is stored for the sender only: they see it as sent and are not told.
    /// </summary>
    public async Task<ChatMessageView> SendDirectAsync(
        string? userId, string? toUserName, string? text, Guid? requestId = null, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to send private messages.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindRepeatAsync(db, userId, requestId, ct) is { } repeat) return repeat;
        return await SendDirectAsync(db, userId, toUserName, text, requestId, ct);
    }

    private async Task<ChatMessageView> SendDirectAsync(
        ForumDbContext db, string userId, string? toUserName, string? text, Guid? requestId, CancellationToken ct)
    {
        var clean = ChatRules.Text.Require(text);
        var sender = await RequireSenderAsync(db, userId, ct);
        var recipient = await ChatQueries.MemberByNameAsync(db, toUserName, ct) ?? throw ChatQueries.NoSuchMember(toUserName, sending: true);
        if (recipient.Id == userId) throw ForumException.Invalid("You cannot send a private message to yourself.");
        await standing.EnsureCanWriteAsync(userId, ct);
        limiter.Admit(userId, "@" + recipient.Id, clean, requestId);

        // Whether the recipient has the conversation open (what arrives is read), asked before the transaction: a presence
        // read may go to Redis, and must not while this holds the write lock. A conversation created below is open nowhere.
        var (first, second) = Conversation.Order(userId, recipient.Id);
        var existing = await db.Conversations.Where(c => c.FirstUserId == first && c.SecondUserId == second).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        var readers = existing is { } open ? await presence.MembersPresentAsync(Places.Conversation(open)) : null;
        var now = Now;
        var message = new ChatMessage { SenderId = userId, Text = clean, CreatedAt = now, RequestId = requestId };
        bool withheld;
        Notification? note = null;
        UnreadChanged? unread = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            withheld = await db.MemberIgnores.AnyAsync(i => i.UserId == recipient.Id && i.IgnoredUserId == userId, ct);
            var conversation = await OpenConversationAsync(db, userId, recipient.Id, now, ct);
            (message.Conversation, message.Withheld) = (conversation, withheld);
            db.ChatMessages.Add(message);
            // A withheld message moves only the sender's side: the recipient's list shows nothing new.
            foreach (var member in conversation.Members.Where(m => m.UserId == userId || !withheld))
                (member.LastMessage, member.LastMessageAt) = (message, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (requestId is not null)
            {
                await tx.RollbackAsync(ct);
                return await RepeatAfterRaceAsync(userId, requestId, ct);
            }
            // The recipient reading this conversation right now has read it on arrival, as a thread being read is.
            var reading = !withheld && conversation.Id == existing && readers!.Contains(recipient.Id);
            if (reading) conversation.Members.Single(m => m.UserId == recipient.Id).LastReadMessageId = message.Id;
            if (!withheld)
            {
                note = new Notification
                {
                    RecipientId = recipient.Id, ActorId = userId, Kind = NotificationKind.Direct, ChatMessageId = message.Id,
                    CreatedAt = now, IsRead = reading,
                };
                db.Notifications.Add(note);
                unread = await UnreadCounters.AddAsync(db, recipient.Id, reading ? 0 : 1, ct);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var view = new ChatMessageView(message.Id, null, message.ConversationId, sender, recipient, clean, now, false);
        await bus.PublishAsync(Topics.User(userId), new DirectPosted(view));
        if (note is null || unread is null) return view;
        await bus.PublishAsync(Topics.User(recipient.Id), new DirectPosted(view));
        // Built from what this write holds (no query): the record the message center's page would read.
        var item = new MessageItem(note.Id, NotificationKind.Direct, sender.DisplayName, sender.UserName, null, null, null,
            MessageService.ExcerptOf(clean), now, note.IsRead, message.Id);
        await bus.PublishAsync(Topics.User(recipient.Id), new NotificationAdded(recipient.Id, item));
        await bus.PublishAsync(Topics.User(recipient.Id), unread);
        return view;
    }

    /// <summary>The pair's conversation with both member rows, tracked; created (unsaved) on the first message.</summary>
    private static async Task<Conversation> OpenConversationAsync(ForumDbContext db, string a, string b, DateTime now, CancellationToken ct)
    {
        var (first, second) = Conversation.Order(a, b);
        // Inside the write transaction: no other writer can create the pair between this read and our insert.
        await Providers.PostgresProvider.LockForWriteAsync(db, $"conversation:{first}:{second}", ct);
        var conversation = await db.Conversations.Include(c => c.Members)
            .FirstOrDefaultAsync(c => c.FirstUserId == first && c.SecondUserId == second, ct);
        if (conversation is not null) return conversation;
        conversation = new Conversation
        {
            FirstUserId = first, SecondUserId = second, CreatedAt = now,
            Members = [new() { UserId = first, OtherUserId = second }, new() { UserId = second, OtherUserId = first }],
        };
        db.Conversations.Add(conversation);
        return conversation;
    }
}
