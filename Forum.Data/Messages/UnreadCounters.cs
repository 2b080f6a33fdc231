using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Messages;

/// <summary>Moves a member's unread counter inside the caller's transaction and returns the new state to publish.</summary>
internal static class UnreadCounters
{
    public static async Task<UnreadChanged> AddAsync(ForumDbContext db, string userId, int delta, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO "UserCounters" ("UserId", "Unread", "Version") VALUES (@p0, @p1, 1)
            ON CONFLICT ("UserId") DO UPDATE SET "Unread" = "UserCounters"."Unread" + @p2, "Version" = "UserCounters"."Version" + 1
            RETURNING "UserId", "Unread", "Version"
            """;
        return (await RawSql.QueryAsync(db, sql, [userId, Math.Max(delta, 0), delta], ReadState, ct))[0];
    }

    /// <summary>
    /// Raises several members' counters by what each gained (≥ 0) in one statement, members in a fixed order so that
    /// concurrent writers lock rows alike; the new states in that order.
    /// </summary>
    public static async Task<List<UnreadChanged>> RaiseAsync(ForumDbContext db, IEnumerable<(string UserId, int Added)> gains, CancellationToken ct)
    {
        var rows = gains.OrderBy(g => g.UserId, StringComparer.Ordinal).ToList();
        if (rows.Count == 0) return [];
        var values = string.Join(", ", rows.Select((_, i) => $"({RawSql.P(2 * i)}, {RawSql.P(2 * i + 1)}, 1)"));
        var parameters = rows.SelectMany(r => new object[] { r.UserId, Math.Max(r.Added, 0) }).ToArray();
        var sql = $"""
            INSERT INTO "UserCounters" ("UserId", "Unread", "Version") VALUES {values}
            ON CONFLICT ("UserId") DO UPDATE SET "Unread" = "UserCounters"."Unread" + excluded."Unread", "Version" = "UserCounters"."Version" + 1
            RETURNING "UserId", "Unread", "Version"
            """;
        var states = (await RawSql.QueryAsync(db, sql, parameters, ReadState, ct))
            .ToDictionary(s => s.UserId);
        return rows.Select(r => states[r.UserId]).ToList();
    }

    public static async Task<UnreadChanged> GetAsync(ForumDbContext db, string userId, CancellationToken ct) =>
        await db.UserCounters.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new UnreadChanged(c.UserId, c.Unread, c.Version)).FirstOrDefaultAsync(ct)
        ?? new UnreadChanged(userId, 0, 0);

    /// <summary>A <c>RETURNING "UserId", "Unread", "Version"</c> row.</summary>
    private static UnreadChanged ReadState(System.Data.Common.DbDataReader row) => new(row.GetString(0), row.GetInt32(1), row.GetInt64(2));
}
