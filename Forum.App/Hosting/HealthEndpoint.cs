using System.Text.Json;
using Forum.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.App.Hosting;

/// <summary>
/// <c>GET /health</c>: 200 when every check passes, 503 otherwise, with a JSON body naming each check (the database can
/// be opened and queried; the live transports and their open connections), so a probe or a person sees what failed.
/// </summary>
public static class HealthEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IServiceCollection AddForumHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<ForumDbContext>("database").AddCheck<BusHealthCheck>("bus");
        return services;
    }

    public static IEndpointRouteBuilder MapForumHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            totalMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, Json));
    }
}
