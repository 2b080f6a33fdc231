using System.Security.Claims;
using System.Text.Json.Serialization;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Forum.App.Features.Api.Tokens;

/// <summary>What POST /api/auth/token answers (PROTOCOL.md: snake_case, as OAuth clients expect).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>Issues the API's bearer tokens: HS256, the member's claims, and a fingerprint of the security stamp.</summary>
public sealed class TokenService(JwtKeys keys, IOptions<JwtOptions> options, UserManager<ForumUser> users, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<TokenResponse> IssueAsync(ForumUser user)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(o.LifetimeMinutes);
        var claims = new List<Claim>
        {
            new(TokenClaims.Subject, user.Id),
            new(TokenClaims.Name, user.UserName ?? ""),
            new(TokenClaims.DisplayName, user.DisplayName),
            new(TokenClaims.TokenId, Guid.NewGuid().ToString("N")),
            new(TokenClaims.Stamp, TokenClaims.Fingerprint(await users.GetSecurityStampAsync(user))),
        };
        if (users.SupportsUserRole) claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(TokenClaims.Role, r)));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds);
    }
}
