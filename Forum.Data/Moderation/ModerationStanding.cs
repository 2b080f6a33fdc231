using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>The real <see cref="IAccountStanding"/>: a banned or muted member is refused on every write, at once.</summary>
public sealed class ModerationStanding(IDbContextFactory<ForumDbContext> dbFactory, TimeProvider clock) : IAccountStanding
{
    public async Task EnsureCanWriteAsync(string userId, CancellationToken ct)
    {
        if (await CurrentAsync(userId, ct) is { } restriction) throw Refusal(restriction);
    }

    public async Task<IReadOnlyDictionary<string, ForumException>> RefusalsAsync(ForumDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Active(db.MemberRestrictions, now).Where(r => EF.Parameter(userIds).Contains(r.UserId))
            .Select(r => new { r.UserId, View = new RestrictionView(r.Kind, r.Reason, r.CreatedAt, r.Until) }).ToListAsync(ct);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => Refusal(g.Select(r => r.View).OrderBy(v => v.Kind).First()));
    }

    private static ForumException Refusal(RestrictionView restriction) => ForumException.Forbidden(restriction.Kind == RestrictionKind.Ban
        ? $"Your account is {restriction.Describe()}: {restriction.Reason}"
        : $"You are {restriction.Describe()} and cannot write for now: {restriction.Reason}");

    /// <summary>The member's ban in force, else their mute in force, else null.</summary>
    public async Task<RestrictionView?> CurrentAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Active(db.MemberRestrictions, now).Where(r => r.UserId == userId)
            .Select(r => new RestrictionView(r.Kind, r.Reason, r.CreatedAt, r.Until)).ToListAsync(ct);
        return rows.OrderBy(r => r.Kind).FirstOrDefault();
    }

    internal static IQueryable<MemberRestriction> Active(IQueryable<MemberRestriction> rows, DateTime now) =>
        rows.Where(r => r.LiftedAt == null && (r.Until == null || r.Until > now));
}
