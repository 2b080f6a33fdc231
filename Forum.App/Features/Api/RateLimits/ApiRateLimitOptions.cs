using System.ComponentModel.DataAnnotations;

namespace Forum.App.Features.Api.RateLimits;

/// <summary>Bound from "Forum:Api:RateLimits"; every limit counts requests in a fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Forum:Api:RateLimits";

    /// <summary>Token requests from one client address (guessing passwords across many names).</summary>
    [Range(1, 100_000)] public int TokenPerAddress { get; set; } = 20;

    /// <summary>Token requests for one user name or email, from any address (guessing one member's password).</summary>
    [Range(1, 100_000)] public int TokenPerUserName { get; set; } = 10;

    /// <summary>Writes (POST, PUT, PATCH, DELETE under /api) by one member, whichever token they use.</summary>
    [Range(1, 100_000)] public int WritesPerMember { get; set; } = 60;

    [Range(1, 24 * 60 * 60)] public int WindowSeconds { get; set; } = 60;
}
