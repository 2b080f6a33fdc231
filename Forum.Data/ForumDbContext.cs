using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Forum.Data;

public class ForumDbContext(DbContextOptions<ForumDbContext> options) : IdentityDbContext<ForumUser>(options), IDataProtectionKeyContext
{
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostGenre> PostGenres => Set<PostGenre>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<UserCounter> UserCounters => Set<UserCounter>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();
    public DbSet<MemberIgnore> MemberIgnores => Set<MemberIgnore>();
    public DbSet<Moderation.ModerationCase> ModerationCases => Set<Moderation.ModerationCase>();
    public DbSet<Moderation.Report> Reports => Set<Moderation.Report>();
    public DbSet<Moderation.MemberRestriction> MemberRestrictions => Set<Moderation.MemberRestriction>();
    public DbSet<Moderation.AuditEntry> AuditEntries => Set<Moderation.AuditEntry>();

    /// <summary>The shared key ring (Providers/SharedKeys): a table in the PostgreSQL model only.</summary>
    DbSet<DataProtectionKey> IDataProtectionKeyContext.DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Every DateTime is stored as UTC and read back marked UTC, so APIs and pages say "Z". Unmarked values are taken as
    /// UTC on the way in (PostgreSQL's timestamptz refuses them otherwise).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder builder) =>
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ForumDbContext).Assembly);
        // Only nodes sharing a PostgreSQL database share keys; the SQLite model (and its migration set) stays without them.
        if (Database.IsNpgsql()) builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        else builder.Ignore<DataProtectionKey>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
