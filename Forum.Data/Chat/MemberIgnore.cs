using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Chat;

/// <summary><see cref="UserId"/> ignores <see cref="IgnoredUserId"/>: their private messages are withheld, their room messages hidden.</summary>
public class MemberIgnore
{
    public string UserId { get; set; } = "";
    public string IgnoredUserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class MemberIgnoreConfiguration : IEntityTypeConfiguration<MemberIgnore>
{
    public void Configure(EntityTypeBuilder<MemberIgnore> b)
    {
        // The key answers both "does the viewer ignore this sender?" (a history row's filter) and "whom do I ignore?".
        b.HasKey(i => new { i.UserId, i.IgnoredUserId });
        b.HasOne<ForumUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ForumUser>().WithMany().HasForeignKey(i => i.IgnoredUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.IgnoredUserId);
    }
}
