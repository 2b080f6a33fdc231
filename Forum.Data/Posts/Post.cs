using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Posts;

public class Post
{
    public int Id { get; set; }
    public string AuthorId { get; set; } = "";
    public ForumUser? Author { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    /// <summary>Genres for display ("Crime, Drama"); <see cref="PostGenre"/> rows serve the filter.</summary>
    public string GenreList { get; set; } = "";
    public string Body { get; set; } = "";
    public string Synopsis { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When the author last changed the post; null for a post never edited.</summary>
    public DateTime? EditedAt { get; set; }
    public int CommentCount { get; set; }
    /// <summary>Chosen by the client per draft, so a repeated submit of one draft stores one post.</summary>
    public Guid? RequestId { get; set; }
    public List<PostGenre> Genres { get; set; } = [];
    /// <summary>A post hidden or deleted by a moderator is filtered out of every query (a global filter).</summary>
    public Moderation.ModerationState Moderation { get; set; }
}

public class PostGenre
{
    public string Genre { get; set; } = "";
    public int PostId { get; set; }
    public Post? Post { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        // Lengths are counted in characters a reader sees (TextRules); a column counts code points, so it is sized
        // by the rule's hard cap in code units (never fewer than the code points of allowed text) or left unbounded.
        b.Property(p => p.Title).HasMaxLength(PostRules.Title.MaxUnits);
        b.Property(p => p.GenreList).HasMaxLength(200);
        b.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        // "Newest" pages walk Id descending (the primary key); "most discussed" walks this one.
        b.HasIndex(p => new { p.CommentCount, p.Id });
        // A member's posts on their profile, newest first: WHERE AuthorId = ? ORDER BY Id DESC, keyset on Id.
        b.HasIndex(p => new { p.AuthorId, p.Id }).IsDescending(false, true);
        b.HasIndex(p => new { p.AuthorId, p.RequestId }).IsUnique();
        b.HasQueryFilter(p => p.Moderation == Moderation.ModerationState.Visible);
    }
}

internal sealed class PostGenreConfiguration : IEntityTypeConfiguration<PostGenre>
{
    public void Configure(EntityTypeBuilder<PostGenre> b)
    {
        b.HasKey(g => new { g.Genre, g.PostId });
        b.Property(g => g.Genre).HasMaxLength(30);
        b.HasOne(g => g.Post).WithMany(p => p.Genres).HasForeignKey(g => g.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => g.PostId);
    }
}
