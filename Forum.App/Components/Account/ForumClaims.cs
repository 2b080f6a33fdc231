using System.Security.Claims;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

public static class ForumClaims
{
    public const string DisplayName = "display_name";

    /// <summary>The member's id, or null for an anonymous visitor.</summary>
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

/// <summary>Puts the display name in the cookie so the app bar needs no query.</summary>
internal sealed class ForumClaimsFactory(UserManager<ForumUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ForumUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ForumUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ForumClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
