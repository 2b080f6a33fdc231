using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data.Moderation;

/// <summary>The first admin, from configuration (<c>Forum:Admin:UserName</c> / <c>Forum:Admin:Password</c>).</summary>
public sealed class ForumAdminOptions
{
    public const string Section = "Forum:Admin";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

public static class ModerationSetup
{
    public static IServiceCollection AddForumModeration(this IServiceCollection services)
    {
        services.AddOptions<ForumAdminOptions>();
        services.AddSingleton<ModerationStanding>();
        services.AddSingleton<IAccountStanding>(sp => sp.GetRequiredService<ModerationStanding>());
        services.AddSingleton<ContentModerationService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<MemberModerationService>();
        services.AddSingleton<ModerationQueries>();
        return services;
    }

    /// <summary>
    /// At start-up: the role rows, then the configured admin, created on first run (or an existing member of that name
    /// made admin). Runs every start; changes nothing once done.
    /// </summary>
    public static async Task PrepareModerationAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ForumDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await ForumRoles.EnsureAsync(db, ct);
        var admin = services.GetService<IOptions<ForumAdminOptions>>()?.Value;
        if (string.IsNullOrWhiteSpace(admin?.UserName)) return;
        var name = admin.UserName.Trim();
        var userId = await db.Users.Where(u => u.NormalizedUserName == name.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            var users = services.GetService<UserManager<ForumUser>>();
            if (users is null || string.IsNullOrEmpty(admin.Password))
            {
                logger.LogWarning("Forum:Admin:UserName is set but no such member exists and no password is configured; no admin created");
                return;
            }
            var user = new ForumUser { UserName = name, Email = $"{name}@forum.local", EmailConfirmed = true, DisplayName = name, CreatedAt = DateTime.UtcNow };
            var result = await users.CreateAsync(user, admin.Password);
            if (!result.Succeeded)
                throw new InvalidOperationException("Forum:Admin could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            userId = user.Id;
            logger.LogInformation("Created the admin account {UserName} from configuration", name);
        }
        await ForumRoles.AddAsync(db, userId, ForumRoles.Admin, ct);
    }
}
