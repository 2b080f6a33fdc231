using Forum.Data.Posts;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Comments;

public class Comment
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
    public string AuthorId { get; set; } = "";
    public ForumUser? Author { get; set; }
    /// <summary>The comment this one replies to; replies are one level deep.</summary>
    public int? ParentId { get; set; }
    public Comment? Parent { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When the author last changed the text; null for a comment never edited.</summary>
    public DateTime? EditedAt { get; set; }
    /// <summary>Chosen by the client per draft, so a repeated submit of one draft stores one comment.</summary>
    public Guid? RequestId { get; set; }
    /// <summary>Hidden or deleted by a moderator: the thread shows a placeholder in its place, so replies stay readable.</summary>
    public Moderation.ModerationState Moderation { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        // No column length: TextRules counts characters a reader sees and caps code units (see PostConfiguration).
        b.HasOne(c => c.Post).WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.PostId, c.Id });
        b.HasIndex(c => c.ParentId);
        b.HasIndex(c => new { c.AuthorId, c.RequestId }).IsUnique();
        // A member's comments on their profile, newest first: WHERE AuthorId = ? ORDER BY Id DESC, keyset on Id.
        b.HasIndex(c => new { c.AuthorId, c.Id }).IsDescending(false, true);
    }
}
