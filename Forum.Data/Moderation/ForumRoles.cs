using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>The three roles. Every member is a Member; Moderator and Admin are Identity roles stored with the account.</summary>
public static class ForumRoles
{
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";
    public const string Member = "Member";

    /// <summary>The roles that exist as rows; Member is implicit (every account).</summary>
    public static readonly string[] Stored = [Moderator, Admin];

    /// <summary>Adds the role rows when missing; safe to run on every start.</summary>
    public static async Task EnsureAsync(ForumDbContext db, CancellationToken ct)
    {
        var present = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var name in Stored.Except(present.OfType<string>()))
            db.Roles.Add(new IdentityRole(name) { NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The stored roles of one member, read now (not from a cookie or token that may be older than a demotion).</summary>
    public static Task<List<string>> OfAsync(ForumDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);

    /// <summary>Whether these roles may moderate: a moderator's, or an admin's (who may do all a moderator may).</summary>
    public static bool Moderates(ICollection<string> roles) => roles.Contains(Admin) || roles.Contains(Moderator);

    public static async Task AddAsync(ForumDbContext db, string userId, string role, CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
        if (await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, ct)) return;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Who is acting, as the database says right now: the one check every moderation method starts with.</summary>
public sealed record Moderator(string Id, string Name, bool IsAdmin)
{
    internal static async Task<Moderator> RequireAsync(ForumDbContext db, string? userId, CancellationToken ct, bool admin = false)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to moderate.");
        var roles = await ForumRoles.OfAsync(db, userId, ct);
        var isAdmin = roles.Contains(ForumRoles.Admin);
        if (admin ? !isAdmin : !ForumRoles.Moderates(roles))
            throw ForumException.Forbidden(admin ? "Only admins can do that." : "Only moderators can do that.");
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync(ct);
        return new Moderator(userId, name, isAdmin);
    }
}
