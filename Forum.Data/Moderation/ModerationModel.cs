using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forum.Data.Moderation;

/// <summary>Whether moderators let an item be seen. Hidden can be restored; deleted drops the text for good.</summary>
public enum ModerationState { Visible = 0, Hidden = 1, Deleted = 2 }

/// <summary>What a report or an audit row is about.</summary>
public enum ContentKind { Post = 1, Comment = 2, Chat = 3, Member = 4 }

public enum CaseStatus { Open = 0, Resolved = 1 }

public enum RestrictionKind { Ban = 1, Mute = 2 }

/// <summary>
/// One reported item waiting for a moderator: at most one open case per item, however many members report it. A claim
/// (<see cref="ClaimedById"/>) gives one moderator the item; resolving closes the case and its reports.
/// </summary>
public class ModerationCase
{
    public long Id { get; set; }
    public ContentKind Kind { get; set; }
    /// <summary>The item's id as text: a post, comment or chat message id, or a member's user id.</summary>
    public string TargetId { get; set; } = "";
    public CaseStatus Status { get; set; }
    public int ReportCount { get; set; }
    public string? ClaimedById { get; set; }
    public ForumUser? ClaimedBy { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>"dismiss", "hide" or "delete" once resolved.</summary>
    public string? Resolution { get; set; }
    public List<Report> Reports { get; set; } = [];
}

/// <summary>One member's report of an item; one per member per open case.</summary>
public class Report
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public ModerationCase? Case { get; set; }
    public string ReporterId { get; set; } = "";
    public ForumUser? Reporter { get; set; }
    public string Reason { get; set; } = "";
    public string? Text { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The client's id for this write (API <c>requestId</c>): a retry with it answers the first report's case.</summary>
    public Guid? RequestId { get; set; }
}

/// <summary>A ban (no sign-in, no writes) or a mute (may read, may not write), for a time or for good (<see cref="Until"/> null).</summary>
public class MemberRestriction
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public ForumUser? User { get; set; }
    public RestrictionKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? Until { get; set; }
    public DateTime? LiftedAt { get; set; }
}

/// <summary>
/// One moderator action, written in the action's transaction. Append-only: SQLite triggers refuse UPDATE and DELETE
/// (see the Moderation migration), so no door can change the record.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public ContentKind TargetKind { get; set; }
    public string TargetId { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ModerationCaseConfiguration : IEntityTypeConfiguration<ModerationCase>
{
    public void Configure(EntityTypeBuilder<ModerationCase> b)
    {
        b.Property(c => c.TargetId).HasMaxLength(64);
        b.Property(c => c.Resolution).HasMaxLength(16);
        b.HasOne(c => c.ClaimedBy).WithMany().HasForeignKey(c => c.ClaimedById).OnDelete(DeleteBehavior.SetNull);
        // One open case per item: the second reporter joins the first one's case.
        b.HasIndex(c => new { c.Kind, c.TargetId }).IsUnique().HasFilter("\"Status\" = 0");
        // The queue: open cases, most reported first.
        b.HasIndex(c => new { c.Status, c.ReportCount, c.Id });
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.Property(r => r.Reason).HasMaxLength(16);
        b.HasOne(r => r.Case).WithMany(c => c.Reports).HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Reporter).WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CaseId, r.ReporterId }).IsUnique();
        b.HasIndex(r => new { r.ReporterId, r.RequestId }).IsUnique();
    }
}

internal sealed class MemberRestrictionConfiguration : IEntityTypeConfiguration<MemberRestriction>
{
    public void Configure(EntityTypeBuilder<MemberRestriction> b)
    {
        b.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        // Every write asks "is this member restricted now?": WHERE UserId = ? AND LiftedAt IS NULL.
        b.HasIndex(r => new { r.UserId, r.LiftedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.Action).HasMaxLength(32);
        b.Property(a => a.TargetId).HasMaxLength(64);
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.HasIndex(a => a.CreatedAt);
        b.HasIndex(a => new { a.ActorId, a.Id });
        b.HasIndex(a => new { a.TargetKind, a.TargetId });
    }
}
