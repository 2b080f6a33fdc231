using Forum.Data.Moderation;

namespace Forum.App.Features.Admin;

/// <summary>
/// The policies of the admin pages and /api/admin. They keep members out of the doors; the services check the role
/// again on every call (from the database, so a demotion counts at once).
/// </summary>
public static class AdminPolicies
{
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";

    public static IServiceCollection AddForumAdmin(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Moderator, p => p.RequireRole(ForumRoles.Moderator, ForumRoles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(ForumRoles.Admin));
        return services;
    }
}
