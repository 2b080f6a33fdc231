namespace Forum.Data.Moderation;

/// <summary>Adds the audit row to the action's own context, so it commits (or not) with the action.</summary>
internal static class AuditLog
{
    public static void Add(ForumDbContext db, Moderator actor, string action, ContentKind kind, string targetId, string reason,
        string? before, string? after, DateTime now) =>
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = actor.Id, ActorName = actor.Name, Action = action, TargetKind = kind, TargetId = targetId,
            Reason = reason, Before = before, After = after, CreatedAt = now,
        });
}
