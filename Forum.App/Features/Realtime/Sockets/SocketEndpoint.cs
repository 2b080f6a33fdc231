using System.Net.WebSockets;

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
        return app.Map(Path, ws =>
        {
            ws.UseWebSockets();
            ws.Run(http => AcceptAsync(http, services, events));
        });
    }

    private static async Task AcceptAsync(HttpContext http, LiveServices services, SocketEvents events)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("This address speaks WebSocket: connect with ws:// and send {\"event\":\"auth\",\"message\":\"Bearer <token>\"}.");
            return;
        }
        // No protocol-level keep-alive timer per socket: the shared sweeper's heartbeat does that job.
        using var ws = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        await new SocketConnection(services, events, ws).RunAsync();
    }
}
