namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// <c>/ws</c>, branched off at the front of the pipeline: a socket lives for hours, and every middleware it passed
/// through would keep its await frame for as long. Auth is the first message (PROTOCOL.md), not a cookie or header.
/// </summary>
public static class SocketEndpoint
{
    public const string Path = "/ws";

    public static IApplicationBuilder UseForumSocket(this IApplicationBuilder app)
    {
        // Resolved once here: touching HttpContext.RequestServices would create a request scope per socket and keep it.
        var services = app.ApplicationServices.GetRequiredService<LiveServices>();
        var events = app.ApplicationServices.GetRequiredService<SocketEvents>();
        var branch = app.New();
        branch.UseWebSockets();
        branch.Run(http => http.WebSockets.IsWebSocketRequest ? new SocketConnection(services, events).RunAsync(http) : RefuseAsync(http));
        var socket = branch.Build();
        // A plain path test rather than app.Map, whose async wrapper would stay on the heap for the socket's whole life.
        return app.Use(next => http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) ? socket(http) : next(http));
    }

    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsync("This address speaks WebSocket: connect with ws:// and send {\"event\":\"auth\",\"message\":\"Bearer <token>\"}.");
    }
}
