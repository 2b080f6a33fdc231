using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

public sealed record DashboardCounts(int Members, int Posts, int Comments, int ChatMessages, int OpenReports, int OnlineNow);

public sealed record AuditRow(long Id, DateTime CreatedAt, string ActorName, string Action, ContentKind TargetKind, string TargetId,
    string Reason, string? Before, string? After);

/// <param name="AfterId">
/// A keyset start for API paging: only rows past this id in the list's order (below it newest first, above it oldest first),
/// so actions recorded between two page reads neither repeat nor skip a row. Null: from the start (then <paramref name="Skip"/>).
/// </param>
public sealed record AuditQuery(string? Actor = null, string? Action = null, ContentKind? Kind = null, string? TargetId = null,
    bool Ascending = false, int Skip = 0, int Take = 50, long? AfterId = null);

public sealed record AuditLogPage(IReadOnlyList<AuditRow> Items, int Total);

/// <summary>What the admin pages read: counts, members, the audit log. Moderators only, checked on every call.</summary>
public sealed class ModerationQueries(IDbContextFactory<ForumDbContext> dbFactory, IPresence presence, TimeProvider clock)
{
    public async Task<DashboardCounts> CountsAsync(string? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Moderator.RequireAsync(db, actorId, ct);
        return new DashboardCounts(await db.Users.CountAsync(ct), await db.Posts.CountAsync(ct), await db.Comments.CountAsync(ct),
            await db.ChatMessages.CountAsync(m => m.DeletedAt == null, ct),
            await db.ModerationCases.CountAsync(c => c.Status == CaseStatus.Open, ct), presence.Count(Places.Site));
    }

    public async Task<AuditLogPage> AuditAsync(string? actorId, AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Moderator.RequireAsync(db, actorId, ct);
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor)) rows = rows.Where(a => a.ActorName.Contains(query.Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(query.Action)) rows = rows.Where(a => a.Action == query.Action.Trim().ToLowerInvariant());
        if (query.Kind is { } kind) rows = rows.Where(a => a.TargetKind == kind);
        if (!string.IsNullOrWhiteSpace(query.TargetId)) rows = rows.Where(a => a.TargetId == query.TargetId.Trim());
        var total = await rows.CountAsync(ct);
        if (query.AfterId is { } after) rows = query.Ascending ? rows.Where(a => a.Id > after) : rows.Where(a => a.Id < after);
        rows = query.Ascending ? rows.OrderBy(a => a.Id) : rows.OrderByDescending(a => a.Id);
        var items = await rows.Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, 200))
            .Select(a => new AuditRow(a.Id, a.CreatedAt, a.ActorName, a.Action, a.TargetKind, a.TargetId, a.Reason, a.Before, a.After))
            .ToListAsync(ct);
        return new AuditLogPage(items, total);
    }

    public async Task<MemberPage> MembersAsync(string? actorId, MemberQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Moderator.RequireAsync(db, actorId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var active = ModerationStanding.Active(db.MemberRestrictions, now);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var upper = term.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(term));
        }
        if (query.RestrictedOnly) users = users.Where(u => active.Any(r => r.UserId == u.Id) || u.LockoutEnd != null);
        var total = await users.CountAsync(ct);
        users = (query.Sort, query.Descending) switch
        {
            (MemberSort.DisplayName, false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            (MemberSort.DisplayName, true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Id),
            (MemberSort.Joined, false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            (MemberSort.Joined, true) => users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id),
            (_, false) => users.OrderBy(u => u.NormalizedUserName),
            (_, true) => users.OrderByDescending(u => u.NormalizedUserName),
        };
        var rows = await users.Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, 100))
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.CreatedAt, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                Restrictions = active.Where(r => r.UserId == u.Id)
                    .Select(r => new RestrictionView(r.Kind, r.Reason, r.CreatedAt, r.Until)).ToList(),
            }).ToListAsync(ct);
        var nowOffset = clock.GetUtcNow();
        return new MemberPage([.. rows.Select(u => new MemberRow(u.Id, u.UserName ?? "", u.DisplayName, u.CreatedAt, u.Roles,
            u.Restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.Ban), u.Restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.Mute),
            u.LockoutEnd > nowOffset ? u.LockoutEnd : null))], total);
    }
}
