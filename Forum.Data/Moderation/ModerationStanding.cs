using System.Linq.Expressions;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>The real <see cref="IAccountStanding"/>: a banned or muted member is refused on every write, at once.</summary>
public sealed class ModerationStanding(IDbContextFactory<ForumDbContext> dbFactory, TimeProvider clock) : IAccountStanding
{
    private sealed record Row(string UserId, RestrictionView View);

    /// <summary>What binds a member right now: not lifted, and open-ended or ending later. The one copy of the rule.</summary>
    private static readonly Expression<Func<MemberRestriction, DateTime, bool>> InForce =
        (r, now) => r.LiftedAt == null && (r.Until == null || r.Until > now);

    private static readonly Expression<Func<MemberRestriction, Row>> RowOf = r => new Row(r.UserId, new RestrictionView(r.Kind, r.Reason, r.CreatedAt, r.Until));

    // The writers' check, compiled (a comment's group reads it inside its transaction; built and looked up on every call
    // it cost more than the other reads together). A compiled query belongs to one model: one per instance.
    private readonly Func<ForumDbContext, string, DateTime, IAsyncEnumerable<Row>> _forMember = EF.CompileAsyncQuery(
        ExpressionSplice.Inline((ForumDbContext db, string userId, DateTime now) => db.MemberRestrictions
            .Where(r => r.UserId == userId && ExpressionSplice.Apply(InForce, r, now))
            .Select(RowOf)));

    private readonly Func<ForumDbContext, List<string>, DateTime, IAsyncEnumerable<Row>> _forMembers = EF.CompileAsyncQuery(
        ExpressionSplice.Inline((ForumDbContext db, List<string> userIds, DateTime now) => db.MemberRestrictions
            .Where(r => userIds.Contains(r.UserId) && ExpressionSplice.Apply(InForce, r, now))
            .Select(RowOf)));

    public async Task EnsureCanWriteAsync(string userId, CancellationToken ct)
    {
        if (await CurrentAsync(userId, ct) is { } restriction) throw Refusal(restriction);
    }

    public async Task<IReadOnlyDictionary<string, ForumException>> RefusalsAsync(ForumDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One member (a comment alone, the usual case) by key: a list parameter makes EF generate the SQL on every call.
        var rows = new List<Row>();
        await foreach (var row in userIds.Count == 1 ? _forMember(db, userIds.First(), now) : _forMembers(db, [.. userIds], now))
            rows.Add(row);
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
        rows.Where(ExpressionSplice.Bind(InForce, now));
}
