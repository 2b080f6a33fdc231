using System.ComponentModel.DataAnnotations;

namespace Forum.App.Features.Api.Tokens;

/// <summary>Bound from "Forum:Jwt" (PROTOCOL.md, Tokens).</summary>
public sealed class JwtOptions
{
    public const string Section = "Forum:Jwt";

    /// <summary>The HS256 signing key, at least 32 bytes (UTF-8). Empty: generated on first run into the data directory.</summary>
    public string? Key { get; set; }

    [Required] public string Issuer { get; set; } = "forum";

    [Required] public string Audience { get; set; } = "forum-api";

    [Range(1, 24 * 60)] public int LifetimeMinutes { get; set; } = 120;

    /// <summary>Tolerance for clocks that disagree; PROTOCOL.md allows at most 30 seconds.</summary>
    [Range(0, 30)] public int ClockSkewSeconds { get; set; } = 30;
}
