using System.Data.Common;
using System.Linq.Expressions;
using System.Security.Cryptography;
using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data.Sessions;

/// <summary>
/// Server-side sign-in sessions: started at every sign-in, checked on every cookie-authenticated request and circuit
/// revalidation, ended by signing out (one session) or signing out everywhere (all of them, and the security stamp).
/// </summary>
public sealed class SessionService(
    IDbContextFactory<ForumDbContext> factory, TimeProvider clock, INotificationBus bus, IOptions<UserSessionOptions> options,
    ILogger<SessionService> logger)
{
    private UserSessionOptions Options => options.Value;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task StartAsync(NewSession session, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(session.Id) || session.Id.Length > UserSession.IdMax)
            throw new ArgumentException("A session needs an id of at most 64 characters.", nameof(session));
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        // Ended sessions have no further use; dropping the member's old ones here keeps the table at about the live ones.
        await db.UserSessions.Where(s => s.UserId == session.UserId).Where(Ended(now)).ExecuteDeleteAsync(ct);
        db.UserSessions.Add(new UserSession
        {
            Id = session.Id, UserId = session.UserId, CreatedAt = now, LastSeenAt = now,
            ExpiresAt = session.ExpiresAt ?? now + Options.Lifetime, UserAgent = Shorten(session.UserAgent),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Whether the session is live for this member: one primary-key read. While it is, "last seen" is written at most
    /// once per touch interval, and the expiry slides with it as the cookie's does.
    /// </summary>
    public async Task<bool> IsLiveAsync(string? sessionId, string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId)) return false;
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.LastSeenAt, s.ExpiresAt, s.RevokedAt }).FirstOrDefaultAsync(ct);
        if (session is null || session.UserId != userId || session.RevokedAt is not null || session.ExpiresAt <= now) return false;
        if (now - session.LastSeenAt < Options.TouchInterval) return true;
        try
        {
            var expires = now + Options.Lifetime > session.ExpiresAt ? now + Options.Lifetime : session.ExpiresAt;
            await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, expires), ct);
        }
        catch (DbException ex)
        {
            // "Last seen" is a courtesy: a busy database must not turn a valid request into an error.
            logger.LogWarning(ex, "Could not record activity of session {SessionId}", sessionId);
        }
        return true;
    }

    /// <summary>The member's live sessions, most recently active first.</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt).ThenBy(s => s.Id)
            .Select(s => new SessionView(s.Id, s.UserAgent, s.CreatedAt, s.LastSeenAt)).ToListAsync(ct);
    }

    /// <summary>
    /// Ends one of the member's own sessions (a session id of someone else's changes nothing), then tells that
    /// session's open circuits. Returns whether a live session was ended.
    /// </summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var now = Now;
        int ended;
        await using (var db = await factory.CreateDbContextAsync(ct))
            ended = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        if (ended > 0) await bus.PublishAsync(Topics.User(userId), new SignedOut(userId, sessionId));
        return ended > 0;
    }

    /// <summary>
    /// Ends every session of the member and changes their security stamp in one transaction, so cookies, circuits and
    /// tokens (which carry the stamp) all stop working; then one event tells every open circuit.
    /// </summary>
    public async Task RevokeAllAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        await using (var db = await factory.CreateDbContextAsync(ct))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await RevokeAllInAsync(db, userId, now, ct);
            await tx.CommitAsync(ct);
        }
        await bus.PublishAsync(Topics.User(userId), new SignedOut(userId, SessionId: null));
    }

    /// <summary>The writes of <see cref="RevokeAllAsync"/> inside the caller's transaction (a ban); the caller publishes after commit.</summary>
    internal static async Task RevokeAllInAsync(ForumDbContext db, string userId, DateTime now, CancellationToken ct)
    {
        await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        var stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.SecurityStamp, stamp).SetProperty(x => x.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
    }

    /// <summary>
    /// Deletes the ended sessions (signed out, revoked, expired) of every member: what a sign-in does for the member's
    /// own, for the members who never sign in again (<see cref="SessionSweeper"/>). A missing row reads as not live.
    /// </summary>
    public async Task<int> PurgeEndedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserSessions.Where(Ended(Now)).ExecuteDeleteAsync(ct);
    }

    private static Expression<Func<UserSession, bool>> Ended(DateTime now) => s => s.RevokedAt != null || s.ExpiresAt <= now;

    private static string? Shorten(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? null
        : userAgent.Length <= UserSession.UserAgentMax ? userAgent : userAgent[..UserSession.UserAgentMax];
}
