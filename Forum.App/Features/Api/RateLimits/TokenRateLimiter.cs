using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Api.RateLimits;

/// <summary>
/// Limits POST /api/auth/token per client address and per user name, whatever the answer: together with the account
/// lockout this keeps password guessing slow whether it spreads over names or over addresses.
/// </summary>
public sealed class TokenRateLimiter : IDisposable
{
    private const int MaxNameLength = 256;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perName;

    public TokenRateLimiter(IOptions<ApiRateLimitOptions> options)
    {
        var o = options.Value;
        var window = TimeSpan.FromSeconds(o.WindowSeconds);
        _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => ApiRateLimits.Window(o.TokenPerAddress, window)));
        _perName = PartitionedRateLimiter.Create<string, string>(name =>
            RateLimitPartition.GetFixedWindowLimiter(name, _ => ApiRateLimits.Window(o.TokenPerUserName, window)));
        Window = window;
    }

    public TimeSpan Window { get; }

    /// <summary>Which limit this attempt hits and how long to wait, or null when it may go ahead.</summary>
    public (TimeSpan RetryAfter, string Detail)? Check(HttpContext context, string? userName)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (Wait(_perAddress, address) is { } byAddress) return (byAddress, "Too many token requests from this address.");
        var name = userName?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(name)) return null;
        return Wait(_perName, name.Length > MaxNameLength ? name[..MaxNameLength] : name) is { } byName
            ? (byName, "Too many token requests for this user name.")
            : null;
    }

    private TimeSpan? Wait(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perName.Dispose();
    }
}
