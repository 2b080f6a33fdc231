using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>
/// Hide, restore and delete posts, comments and chat messages, for moderators only. Each action writes the item, the
/// notifications that pointed at it (with every recipient's unread counter), the author's notice and the audit row in
/// one transaction, then publishes. Repeating an action changes nothing and records nothing.
/// </summary>
public sealed class ContentModerationService(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, TimeProvider clock)
{
    /// <summary>Hides the item (restorable). Returns false when it was already hidden.</summary>
    public Task<bool> HideAsync(string? actorId, ContentKind kind, long id, string? reason, CancellationToken ct = default) =>
        ActAsync(actorId, kind, id, ModerationState.Hidden, reason, ct);

    /// <summary>Shows a hidden item again. Returns false when it was visible.</summary>
    public Task<bool> RestoreAsync(string? actorId, ContentKind kind, long id, string? reason, CancellationToken ct = default) =>
        ActAsync(actorId, kind, id, ModerationState.Visible, reason, ct);

    /// <summary>Deletes the item's text for good (a placeholder keeps its place). Returns false when it was already deleted.</summary>
    public Task<bool> DeleteAsync(string? actorId, ContentKind kind, long id, string? reason, CancellationToken ct = default) =>
        ActAsync(actorId, kind, id, ModerationState.Deleted, reason, ct);

    private async Task<bool> ActAsync(string? actorId, ContentKind kind, long id, ModerationState to, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var after = new AfterCommit();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = await Moderator.RequireAsync(db, actorId, ct);
            var text = ModerationRules.Reason.Require(reason);
            if (kind == ContentKind.Member) throw ForumException.Invalid("Members are banned or muted, not hidden.");
            if (!await ContentActions.ApplyAsync(db, actor, kind, id, to, text, clock.GetUtcNow().UtcDateTime, after, ct)) return false;
            await tx.CommitAsync(ct);
        }
        await after.PublishAsync(bus);
        return true;
    }
}
