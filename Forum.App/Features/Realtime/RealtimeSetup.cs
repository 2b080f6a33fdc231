using Forum.App.Features.Realtime.Sockets;
using Forum.App.Features.Realtime.Stream;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.App.Features.Realtime;

/// <summary>The live transports for API clients: <c>/ws</c> and <c>/api/stream</c> (PROTOCOL.md), thin over the bus and services.</summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddForumRealtime(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<LiveFrames>();
        services.AddSingleton<LiveServices>();
        services.AddSingleton<SocketEvents>();
        services.AddHostedService<RealtimeSweeper>();
        services.AddSocketEvent<AuthEvent>();
        services.AddSocketEvent<HeartbeatEvent>();
        services.AddSocketEvent<SubscribeEvent>();
        services.AddSocketEvent<UnsubscribeEvent>();
        services.AddSocketEvent<ResumeEvent>();
        services.AddHealthChecks().AddCheck<RealtimeHealthCheck>("realtime");
        return services;
    }

    /// <summary>Adds an event to what <c>/ws</c> understands (see <see cref="ISocketEventHandler"/>).</summary>
    public static IServiceCollection AddSocketEvent<T>(this IServiceCollection services) where T : class, ISocketEventHandler =>
        services.AddSingleton<ISocketEventHandler, T>();

    /// <summary>Call first in the pipeline: <c>/ws</c> branches off there (see <see cref="SocketEndpoint"/>).</summary>
    public static WebApplication UseForumRealtime(this WebApplication app)
    {
        // Metrics are created with the registry, not at the first connection, so a listener sees the instruments at once.
        _ = app.Services.GetRequiredService<RealtimeMetrics>();
        app.UseForumSocket();
        app.MapGet("/api/stream", (HttpContext http, LiveServices services) => StreamConnection.RunAsync(http, services))
            .RequireAuthorization()
            .WithName("StreamEvents")
            .WithTags("Messages")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Your notifications and unread count, live, as an EventSource stream")
            .WithDescription("text/event-stream: `notification` (id: the notification id) and `message` ({count, version}). "
                + "Send Last-Event-ID to receive every notification after it first. The token may come as ?access_token= (EventSource cannot set headers).");
        return app;
    }

    /// <summary>Open connections, as data of the health answer.</summary>
    private sealed class RealtimeHealthCheck(ConnectionRegistry registry) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(HealthCheckResult.Healthy("Live transports accept connections.",
                new Dictionary<string, object> { ["sockets"] = registry.Sockets, ["streams"] = registry.Streams }));
    }
}
