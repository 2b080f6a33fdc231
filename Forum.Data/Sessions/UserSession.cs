using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Sessions;

/// <summary>
/// One sign-in (a browser, a device). The cookie only names it; this row decides whether the cookie still works, so
/// signing out ends it on the server and a copied cookie dies with it.
/// </summary>
public class UserSession
{
    public const int IdMax = 64;
    public const int UserAgentMax = 200;

    /// <summary>The random id carried in the cookie's session claim.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Refreshed at most every <see cref="UserSessionOptions.TouchInterval"/>, so reads stay reads.</summary>
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? UserAgent { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(UserSession.IdMax);
        b.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMax);
        // Deleting a member deletes their sessions. Every per-member query (list, revoke all, purge) starts with UserId.
        b.HasOne<ForumUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

/// <summary>How long a sign-in lasts and how often its "last seen" time is written.</summary>
public sealed class UserSessionOptions
{
    /// <summary>Also the auth cookie's lifetime (the app sets one from the other), sliding while the member is active.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>A live session as the member sees it in their list.</summary>
public sealed record SessionView(string Id, string? UserAgent, DateTime CreatedAt, DateTime LastSeenAt);

/// <summary>A sign-in to record; <paramref name="ExpiresAt"/> is the cookie's own expiry when the caller knows it.</summary>
public sealed record NewSession(string Id, string UserId, string? UserAgent, DateTime? ExpiresAt = null);
