using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Messages;

/// <summary>Moves a member's unread counter inside the caller's transaction and returns the new state to publish.</summary>
internal static class UnreadCounters
{
    public static async Task<UnreadChanged> AddAsync(ForumDbContext db, string userId, int delta, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<CounterRow>($"""
            INSERT INTO "UserCounters" ("UserId", "Unread", "Version") VALUES ({userId}, {Math.Max(delta, 0)}, 1)
            ON CONFLICT ("UserId") DO UPDATE SET "Unread" = "UserCounters"."Unread" + {delta}, "Version" = "UserCounters"."Version" + 1
            RETURNING "Unread", "Version"
            """).ToListAsync(ct);
        return new UnreadChanged(userId, rows[0].Unread, rows[0].Version);
    }

    public static async Task<UnreadChanged> GetAsync(ForumDbContext db, string userId, CancellationToken ct) =>
        await db.UserCounters.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new UnreadChanged(c.UserId, c.Unread, c.Version)).FirstOrDefaultAsync(ct)
        ?? new UnreadChanged(userId, 0, 0);

    private sealed record CounterRow(int Unread, long Version);
}
