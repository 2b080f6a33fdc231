using Forum.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;

namespace Forum.App.Features.Api.Tokens;

/// <summary>
/// The one check of a bearer token, for the API's middleware and the WebSocket's auth event alike: HS256 only, signature,
/// issuer, audience, lifetime (skew ≤ 30 s, on the app's clock), then the account: it exists and its security stamp is
/// the one the token was issued under (a password change or sign-out-everywhere revokes every token at once). Stamps
/// are read through <see cref="StampCache"/>, which forgets a member's stamp when it changes.
/// </summary>
public sealed class TokenValidation(JwtKeys keys, IOptions<JwtOptions> options, IDbContextFactory<ForumDbContext> dbFactory, StampCache stamps, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public TokenValidationParameters Parameters { get; } = Build(keys, options.Value, clock);

    /// <summary>The token's member, or null when the token or the account says no.</summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var result = await Handler.ValidateTokenAsync(token, Parameters);
        if (!result.IsValid) return null;
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return await AccountAgreesAsync(principal, ct) ? principal : null;
    }

    /// <summary>Whether the token's account still exists and still has the stamp the token carries.</summary>
    public async Task<bool> AccountAgreesAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var (userId, stamp) = (TokenClaims.UserIdOf(principal), principal.FindFirstValue(TokenClaims.Stamp));
        if (userId is null || stamp is null) return false;
        var current = await stamps.GetAsync(userId, ct => ReadStampAsync(userId, ct), ct);
        return current is not null && StampAgrees(current, stamp);
    }

    private async Task<string?> ReadStampAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// <see cref="AccountAgreesAsync"/> for many token holders at once (the open sockets and streams): the (member, stamp)
    /// pairs whose account is gone or has another stamp now, in one query per 500 members.
    /// </summary>
    public async Task<IReadOnlySet<(string UserId, string Stamp)>> RevokedAsync(IReadOnlyCollection<(string UserId, string Stamp)> holders, CancellationToken ct = default)
    {
        var revoked = new HashSet<(string, string)>();
        var byMember = holders.ToLookup(h => h.UserId, h => h.Stamp);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in byMember.Select(g => g.Key).Chunk(500))
        {
            var current = await db.Users.Where(u => chunk.Contains(u.Id))
                .Select(u => new { u.Id, u.SecurityStamp }).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp, ct);
            foreach (var userId in chunk)
                foreach (var stamp in byMember[userId])
                    if (!current.TryGetValue(userId, out var accountStamp) || !StampAgrees(accountStamp, stamp)) revoked.Add((userId, stamp));
        }
        return revoked;
    }

    private static bool StampAgrees(string? accountStamp, string tokenStamp) => CryptographicEquals(TokenClaims.Fingerprint(accountStamp), tokenStamp);

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));

    private static TokenValidationParameters Build(JwtKeys keys, JwtOptions o, TimeProvider clock) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKey = keys.SigningKey,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        ValidIssuer = o.Issuer,
        ValidAudience = o.Audience,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(o.ClockSkewSeconds),
        // The app's clock rather than the machine's, so expiry is testable; the same rule as the default one.
        LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && now <= exp + p.ClockSkew && (notBefore is not { } nbf || now >= nbf - p.ClockSkew);
        },
        NameClaimType = TokenClaims.Name,
        RoleClaimType = TokenClaims.Role,
    };
}
