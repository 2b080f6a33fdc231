using System.Security.Claims;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

public static class ForumClaims
{
    public const string DisplayName = "display_name";

    /// <summary>One browser login: a logout ends the circuits of this session only, not the member's other devices.</summary>
    public const string SessionId = "forum_sid";

    /// <summary>The member's id, or null for an anonymous visitor.</summary>
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") : null;

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

/// <summary>Puts the display name (and, through the base, the roles) in the cookie so the app bar needs no query.</summary>
internal sealed class ForumClaimsFactory(UserManager<ForumUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ForumUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ForumUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ForumClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(ForumClaims.SessionId, Guid.NewGuid().ToString("N")));
        return identity;
    }
}

internal static class SessionClaims
{
    /// <summary>The cookie's periodic refresh builds a new principal; it keeps the session it refreshes.</summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ForumClaims.SessionId) is { } current
            && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            if (identity.FindFirst(ForumClaims.SessionId) is { } fresh) identity.RemoveClaim(fresh);
            identity.AddClaim(new Claim(ForumClaims.SessionId, current.Value));
        }
        return Task.CompletedTask;
    }
}
