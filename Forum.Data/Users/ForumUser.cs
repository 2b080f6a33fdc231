using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Users;

public class ForumUser : IdentityUser
{
    public const int DisplayNameMax = 50;

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class ForumUserConfiguration : IEntityTypeConfiguration<ForumUser>
{
    public void Configure(EntityTypeBuilder<ForumUser> b) =>
        b.Property(u => u.DisplayName).HasMaxLength(ForumUser.DisplayNameMax);
}
