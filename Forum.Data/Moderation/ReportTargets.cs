using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>Finds what a member reports, as that member can see it; anything else reads as unknown.</summary>
internal static class ReportTargets
{
    /// <summary>The item's id as stored in a case, and its author (the member themselves, for a member report).</summary>
    public static async Task<(string TargetId, string AuthorId)> ResolveAsync(ForumDbContext db, string userId, ContentKind kind, string? id,
        CancellationToken ct)
    {
        var missing = ForumException.NotFound($"That {ModerationRules.KindName(kind)} does not exist (it may have been removed).");
        switch (kind)
        {
            case ContentKind.Post when int.TryParse(id, out var postId):
                return (postId.ToString(), await db.Posts.Where(p => p.Id == postId).Select(p => p.AuthorId).FirstOrDefaultAsync(ct) ?? throw missing);
            case ContentKind.Comment when int.TryParse(id, out var commentId):
                return (commentId.ToString(), await db.Comments
                    .Where(c => c.Id == commentId && c.Moderation == ModerationState.Visible)
                    .Select(c => c.AuthorId).FirstOrDefaultAsync(ct) ?? throw missing);
            case ContentKind.Chat when long.TryParse(id, out var messageId):
                // A room message anyone can see; a private one only its two members.
                var sender = await db.ChatMessages.Where(m => m.Id == messageId && m.DeletedAt == null && (m.Room != null
                        || db.ConversationMembers.Any(cm => cm.ConversationId == m.ConversationId && cm.UserId == userId)))
                    .Select(m => m.SenderId).FirstOrDefaultAsync(ct);
                return (messageId.ToString(), sender ?? throw missing);
            case ContentKind.Member when !string.IsNullOrWhiteSpace(id):
                var normalized = id.Trim().ToUpperInvariant();
                var member = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
                return (member ?? throw missing, member);
            default:
                throw missing;
        }
    }
}
