using Forum.Data.Realtime;
using Forum.Data.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>
/// Bans, mutes, lockouts and roles. A ban also locks the account (Identity refuses its sign-ins and tokens) and ends
/// every session and token in the same transaction, then signs out every open circuit, socket and stream. A moderator
/// cannot act on an admin, another moderator (only admins can) or themselves.
/// </summary>
public sealed class MemberModerationService(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Bans for <paramref name="minutes"/> (null: permanently). Returns false when the same ban is already in force.</summary>
    public Task<bool> BanAsync(string? actorId, string? userName, string? reason, int? minutes, CancellationToken ct = default) =>
        RestrictAsync(actorId, userName, RestrictionKind.Ban, reason, minutes, ct);

    /// <summary>Mutes: the member may read but not write. Returns false when the same mute is already in force.</summary>
    public Task<bool> MuteAsync(string? actorId, string? userName, string? reason, int? minutes, CancellationToken ct = default) =>
        RestrictAsync(actorId, userName, RestrictionKind.Mute, reason, minutes, ct);

    public Task<bool> UnbanAsync(string? actorId, string? userName, string? reason, CancellationToken ct = default) =>
        LiftAsync(actorId, userName, RestrictionKind.Ban, reason, ct);

    public Task<bool> UnmuteAsync(string? actorId, string? userName, string? reason, CancellationToken ct = default) =>
        LiftAsync(actorId, userName, RestrictionKind.Mute, reason, ct);

    private async Task<bool> RestrictAsync(string? actorId, string? userName, RestrictionKind kind, string? reason, int? minutes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var after = new AfterCommit();
        string targetId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = await Moderator.RequireAsync(db, actorId, ct);
            var text = ModerationRules.Reason.Require(reason);
            var duration = RestrictionRules.Duration(minutes);
            targetId = await RequireTargetAsync(db, actor, userName, kind == RestrictionKind.Ban ? "ban" : "mute", ct);
            var now = Now;
            var until = now + duration;
            var current = await ModerationStanding.Active(db.MemberRestrictions, now)
                .Where(r => r.UserId == targetId && r.Kind == kind).ToListAsync(ct);
            if (current.Count == 1 && current[0].Until == until) return false;
            var before = current.Select(r => new RestrictionView(kind, r.Reason, r.CreatedAt, r.Until).Describe()).FirstOrDefault() ?? "none";
            foreach (var old in current) old.LiftedAt = now;
            db.MemberRestrictions.Add(new MemberRestriction
            {
                UserId = targetId, Kind = kind, Reason = text, CreatedById = actor.Id, CreatedAt = now, Until = until,
            });
            var action = kind == RestrictionKind.Ban ? AuditActions.Ban : AuditActions.Mute;
            AuditLog.Add(db, actor, action, ContentKind.Member, targetId, text, before, new RestrictionView(kind, text, now, until).Describe(), now);
            await db.SaveChangesAsync(ct);
            if (kind == RestrictionKind.Ban)
            {
                DateTimeOffset lockedUntil = until is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : DateTimeOffset.MaxValue;
                await db.Users.Where(u => u.Id == targetId).ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.LockoutEnabled, true).SetProperty(u => u.LockoutEnd, lockedUntil), ct);
                await SessionService.RevokeAllInAsync(db, targetId, now, ct);
                after.Add(Topics.User(targetId), new SignedOut(targetId, SessionId: null));
            }
            await ContentActions.CloseCasesAsync(db, ContentKind.Member, targetId, action, now, after, ct);
            await tx.CommitAsync(ct);
        }
        await after.PublishAsync(bus);
        return true;
    }

    private async Task<bool> LiftAsync(string? actorId, string? userName, RestrictionKind kind, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await Moderator.RequireAsync(db, actorId, ct);
        var text = ModerationRules.Reason.Require(reason);
        var targetId = await RequireTargetAsync(db, actor, userName, kind == RestrictionKind.Ban ? "unban" : "unmute", ct);
        var now = Now;
        var current = await ModerationStanding.Active(db.MemberRestrictions, now).Where(r => r.UserId == targetId && r.Kind == kind).ToListAsync(ct);
        if (current.Count == 0) return false;
        foreach (var old in current) old.LiftedAt = now;
        var before = new RestrictionView(kind, current[0].Reason, current[0].CreatedAt, current[0].Until).Describe();
        AuditLog.Add(db, actor, kind == RestrictionKind.Ban ? AuditActions.Unban : AuditActions.Unmute, ContentKind.Member, targetId, text, before, "none", now);
        await db.SaveChangesAsync(ct);
        if (kind == RestrictionKind.Ban)
            await db.Users.Where(u => u.Id == targetId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.AccessFailedCount, 0), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Ends a lockout from failed sign-ins (not a ban: that is lifted by unbanning). False when not locked out.</summary>
    public async Task<bool> ClearLockoutAsync(string? actorId, string? userName, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await Moderator.RequireAsync(db, actorId, ct);
        var text = ModerationRules.Reason.Require(reason);
        var user = await db.Users.Where(u => u.NormalizedUserName == (userName ?? "").Trim().ToUpperInvariant())
            .Select(u => new { u.Id, u.LockoutEnd }).FirstOrDefaultAsync(ct) ?? throw NoSuchMember(userName);
        var now = Now;
        if (await ModerationStanding.Active(db.MemberRestrictions, now).AnyAsync(r => r.UserId == user.Id && r.Kind == RestrictionKind.Ban, ct))
            throw ForumException.Conflict("That member is banned; lift the ban instead.");
        if (user.LockoutEnd is not { } end || end <= clock.GetUtcNow()) return false;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.AccessFailedCount, 0), ct);
        AuditLog.Add(db, actor, AuditActions.ClearLockout, ContentKind.Member, user.Id, text, $"locked out until {end:yyyy-MM-dd HH:mm} UTC", "none", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Admins only: makes a member a moderator or takes the role back. The member's sessions end so the change applies
    /// on their open pages within seconds (they sign in again with their new role).
    /// </summary>
    public async Task<bool> SetModeratorAsync(string? actorId, string? userName, bool moderator, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string targetId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = await Moderator.RequireAsync(db, actorId, ct, admin: true);
            var text = ModerationRules.Reason.Require(reason);
            targetId = await db.Users.Where(u => u.NormalizedUserName == (userName ?? "").Trim().ToUpperInvariant())
                .Select(u => u.Id).FirstOrDefaultAsync(ct) ?? throw NoSuchMember(userName);
            var roles = await ForumRoles.OfAsync(db, targetId, ct);
            if (roles.Contains(ForumRoles.Admin)) throw ForumException.Invalid("That member is an admin; admins are managed in configuration.");
            if (roles.Contains(ForumRoles.Moderator) == moderator) return false;
            var roleId = await db.Roles.Where(r => r.Name == ForumRoles.Moderator).Select(r => r.Id).SingleAsync(ct);
            if (moderator) await ForumRoles.AddAsync(db, targetId, ForumRoles.Moderator, ct);
            else await db.UserRoles.Where(ur => ur.UserId == targetId && ur.RoleId == roleId).ExecuteDeleteAsync(ct);
            var now = Now;
            AuditLog.Add(db, actor, moderator ? AuditActions.Promote : AuditActions.Demote, ContentKind.Member, targetId, text,
                moderator ? "member" : "moderator", moderator ? "moderator" : "member", now);
            await db.SaveChangesAsync(ct);
            await SessionService.RevokeAllInAsync(db, targetId, now, ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.User(targetId), new SignedOut(targetId, SessionId: null));
        return true;
    }

    private static async Task<string> RequireTargetAsync(ForumDbContext db, Moderator actor, string? userName, string verb, CancellationToken ct)
    {
        var targetId = await db.Users.Where(u => u.NormalizedUserName == (userName ?? "").Trim().ToUpperInvariant())
            .Select(u => u.Id).FirstOrDefaultAsync(ct) ?? throw NoSuchMember(userName);
        if (targetId == actor.Id) throw ForumException.Invalid($"You cannot {verb} yourself.");
        var roles = await ForumRoles.OfAsync(db, targetId, ct);
        if (roles.Contains(ForumRoles.Admin)) throw ForumException.Forbidden($"You cannot {verb} an admin.");
        if (roles.Contains(ForumRoles.Moderator) && !actor.IsAdmin) throw ForumException.Forbidden($"Only admins can {verb} a moderator.");
        return targetId;
    }

    private static ForumException NoSuchMember(string? userName) =>
        ForumException.NotFound($"There is no member called \"{userName?.Trim()}\".");
}
