using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Forum.App.Features.Api.Tokens;

/// <summary>The token's claim names (PROTOCOL.md), read as they are: MapInboundClaims is off.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string DisplayName = "display_name";
    public const string Role = "role";
    public const string TokenId = "jti";

    /// <summary>A fingerprint of the account's security stamp: a password change or sign-out-everywhere changes the stamp.</summary>
    public const string Stamp = "sst";

    /// <summary>Not the stamp itself (a token is readable by anyone holding it), only enough of its hash to compare.</summary>
    public static string Fingerprint(string? securityStamp) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? ""))[..16]);

    public static string? UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(Subject);
}
