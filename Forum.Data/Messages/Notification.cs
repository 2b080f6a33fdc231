using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Messages;

public enum NotificationKind
{
    CommentOnPost = 1,
    ReplyToComment = 2,
    /// <summary>A private chat message to the member ("Bob sent you a message"); it points at the chat message, not a post.</summary>
    Direct = 3,
    /// <summary>A moderator hid or deleted something the member wrote; <see cref="Notification.Reason"/> says why.</summary>
    Moderated = 4,
}

/// <summary>
/// One message in a member's message center, written in the same transaction as what it tells of: a comment (post and
/// comment set) or a private chat message (<see cref="ChatMessageId"/> set, no post).
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public string RecipientId { get; set; } = "";
    public string ActorId { get; set; } = "";
    public ForumUser? Actor { get; set; }
    public NotificationKind Kind { get; set; }
    public int? PostId { get; set; }
    public Post? Post { get; set; }
    /// <summary>Denormalised post author (the notes' alternative to a $lookup); null for a private message.</summary>
    public string? PostAuthorId { get; set; }
    public int? CommentId { get; set; }
    public Comment? Comment { get; set; }
    public long? ChatMessageId { get; set; }
    public ChatMessage? ChatMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsRead { get; set; }
    /// <summary>For <see cref="NotificationKind.Moderated"/>: the moderator's reason.</summary>
    public string? Reason { get; set; }
}

/// <summary>A member's unread count, kept exact by every write that changes it; Version orders the pushes.</summary>
public class UserCounter
{
    public string UserId { get; set; } = "";
    public int Unread { get; set; }
    public long Version { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasOne<ForumUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.Actor).WithMany().HasForeignKey(n => n.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Post).WithMany().HasForeignKey(n => n.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.Comment).WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.ChatMessage).WithMany().HasForeignKey(n => n.ChatMessageId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_Notifications_CommentOrChatMessage", "(\"CommentId\" IS NULL) <> (\"ChatMessageId\" IS NULL) OR \"Kind\" = 4"));
        // The message-center page: WHERE RecipientId = ? ORDER BY CreatedAt DESC, Id DESC, keyset on both.
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt, n.Id }).IsDescending(false, true, true);
        // "Mark all read" touches only the unread rows.
        b.HasIndex(n => new { n.RecipientId, n.IsRead });
        b.HasIndex(n => n.CommentId);
        // Deleting a private message, and reading a conversation, find its notifications by the message.
        b.HasIndex(n => n.ChatMessageId);
        b.HasIndex(n => n.ActorId);
        b.HasIndex(n => n.PostId);
    }
}

internal sealed class UserCounterConfiguration : IEntityTypeConfiguration<UserCounter>
{
    public void Configure(EntityTypeBuilder<UserCounter> b)
    {
        b.HasKey(c => c.UserId);
        b.HasOne<ForumUser>().WithOne().HasForeignKey<UserCounter>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
