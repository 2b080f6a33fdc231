using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Chat;

/// <summary>Private messages between two members: one conversation per pair, whoever wrote first.</summary>
public class Conversation
{
    public long Id { get; set; }
    /// <summary>The pair in ordinal order (<see cref="Order"/>), so (alice, bob) and (bob, alice) are one row.</summary>
    public string FirstUserId { get; set; } = "";
    public string SecondUserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<ConversationMember> Members { get; set; } = [];

    public static (string First, string Second) Order(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}

/// <summary>One member's side of a conversation: who the other is, how far they have read, and what they last saw arrive.</summary>
public class ConversationMember
{
    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The other member, kept here so "my conversations" is one index walk with no CASE over the pair.</summary>
    public string OtherUserId { get; set; } = "";
    public ForumUser? OtherUser { get; set; }
    /// <summary>Messages up to this id are read (0: none yet).</summary>
    public long LastReadMessageId { get; set; }
    /// <summary>The newest message this member can see (a withheld one moves only the sender's); null until there is one.</summary>
    public long? LastMessageId { get; set; }
    public ChatMessage? LastMessage { get; set; }
    public DateTime? LastMessageAt { get; set; }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_Conversations_PairOrdered", "\"FirstUserId\" < \"SecondUserId\""));
        b.HasOne<ForumUser>().WithMany().HasForeignKey(c => c.FirstUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ForumUser>().WithMany().HasForeignKey(c => c.SecondUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.FirstUserId, c.SecondUserId }).IsUnique();
        b.HasIndex(c => c.SecondUserId);
    }
}

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public void Configure(EntityTypeBuilder<ConversationMember> b)
    {
        b.HasKey(m => new { m.ConversationId, m.UserId });
        b.HasOne(m => m.Conversation).WithMany(c => c.Members).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ForumUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.OtherUser).WithMany().HasForeignKey(m => m.OtherUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.LastMessage).WithMany().HasForeignKey(m => m.LastMessageId).OnDelete(DeleteBehavior.ClientSetNull);
        // "My conversations", latest first: WHERE UserId = ? AND LastMessageAt IS NOT NULL ORDER BY LastMessageAt DESC, ConversationId DESC.
        b.HasIndex(m => new { m.UserId, m.LastMessageAt, m.ConversationId }).IsDescending(false, true, true);
        b.HasIndex(m => m.OtherUserId);
    }
}
