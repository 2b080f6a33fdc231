using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Chat;

/// <summary>One chat message: in a room (<see cref="Room"/>) or in a private conversation (<see cref="ConversationId"/>), never both.</summary>
public class ChatMessage
{
    public long Id { get; set; }
    /// <summary>The room's canonical name (<see cref="ChatRooms"/>); null for a private message.</summary>
    public string? Room { get; set; }
    public long? ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public string SenderId { get; set; } = "";
    public ForumUser? Sender { get; set; }
    /// <summary>Blanked when the message is deleted: a deleted message keeps its place (a placeholder), not its words.</summary>
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    /// <summary>Chosen by the client per draft, so a resend of one draft stores one message.</summary>
    public Guid? RequestId { get; set; }
    /// <summary>
    /// A private message the recipient never gets because they ignore the sender. The sender sees it as sent (an ignored
    /// member is not told); the recipient's history, unread counts and message center never include it.
    /// </summary>
    public bool Withheld { get; set; }
    /// <summary>Hidden or deleted by a moderator; either way it shows as deleted (blank text, <see cref="DeletedAt"/> set).</summary>
    public Moderation.ModerationState Moderation { get; set; }
    /// <summary>The text of a hidden message, kept aside so a moderator can restore it; null otherwise.</summary>
    public string? HeldText { get; set; }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_ChatMessages_RoomOrConversation", """("Room" IS NULL) <> ("ConversationId" IS NULL)"""));
        b.Property(m => m.Room).HasMaxLength(ChatRooms.NameMax);
        b.HasOne(m => m.Sender).WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Conversation).WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // A room's latest page, "earlier than id" and "after id": WHERE Room = ? [AND Id < ? | Id > ?] ORDER BY Id.
        // Partial: private messages (Room null) never take space in it.
        b.HasIndex(m => new { m.Room, m.Id }).IsDescending(false, true).HasFilter("\"Room\" IS NOT NULL");
        // The same three reads for a conversation, and its unread count (Id > the member's read marker).
        b.HasIndex(m => new { m.ConversationId, m.Id }).IsDescending(false, true).HasFilter("\"ConversationId\" IS NOT NULL");
        // One message per (sender, request id): a resent draft finds the first one.
        b.HasIndex(m => new { m.SenderId, m.RequestId }).IsUnique();
    }
}
