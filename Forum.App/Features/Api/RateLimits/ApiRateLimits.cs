using System.Globalization;
using System.Threading.RateLimiting;
using Forum.App.Features.Api.Tokens;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Api.RateLimits;

/// <summary>
/// ASP.NET Core's rate limiter for the API. Every write is counted per member (the token's `sub`, so new tokens do not
/// reset it) by the global limiter, so an endpoint added later cannot forget it; reads are not limited. The token endpoint
/// has its own limits (<see cref="TokenRateLimiter"/>), because the user name it counts is in the body.
/// </summary>
public static class ApiRateLimits
{
    public static IServiceCollection AddForumRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((o, limits) =>
        {
            var (permits, window) = (limits.Value.WritesPerMember, TimeSpan.FromSeconds(limits.Value.WindowSeconds));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                WriterOf(context) is { } member
                    ? RateLimitPartition.GetFixedWindowLimiter(member, _ => Window(permits, window))
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                return new ValueTask(RejectAsync(rejected.HttpContext, retryAfter,
                    $"Too many writes: at most {permits} every {limits.Value.WindowSeconds} s per member."));
            };
        });
        return services;
    }

    public static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>429 problem+json with Retry-After, written by the limiter's rejection.</summary>
    public static Task RejectAsync(HttpContext context, TimeSpan retryAfter, string detail) =>
        ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"{detail} Try again in {SetRetryAfter(context, retryAfter)} s.");

    /// <summary>429 problem+json with Retry-After, answered by an endpoint that checks a limit itself.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail) =>
        TypedResults.Problem($"{detail} Try again in {SetRetryAfter(context, retryAfter)} s.", statusCode: StatusCodes.Status429TooManyRequests);

    /// <summary>Retry-After in whole seconds, rounded up and never 0 (which would invite an instant retry).</summary>
    private static int SetRetryAfter(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    /// <summary>The member behind an API write, or null for reads, pages and anonymous calls (authorization answers those).</summary>
    private static string? WriterOf(HttpContext context)
    {
        var request = context.Request;
        if (!ApiProblems.IsApi(context) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return null;
        return TokenClaims.UserIdOf(context.User);
    }
}
