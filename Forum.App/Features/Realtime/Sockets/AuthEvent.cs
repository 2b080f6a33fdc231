using System.Net.WebSockets;
using System.Text.Json;
using Forum.App.Features.Api.Tokens;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// <c>auth</c> with <c>"Bearer &lt;jwt&gt;"</c>: the API's one token check (signature, issuer, audience, lifetime, account
/// stamp). A failure is answered <c>noauth</c> and closes the socket (1008). Sent again with a fresh token of the same
/// member, it extends the socket past the old token's expiry.
/// </summary>
internal sealed class AuthEvent(TokenValidation tokens) : ISocketEventHandler
{
    public string Event => "auth";

    public bool NeedsAuth => false;

    public async ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        var value = message.ValueKind == JsonValueKind.String ? message.GetString() : null;
        var token = value is not null && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
        var principal = token is null ? null : await tokens.ValidateAsync(token);
        if (principal is null)
        {
            socket.Send(LiveFrames.NoAuth);
            socket.Close(WebSocketCloseStatus.PolicyViolation, "auth is fail");
            return;
        }
        if (!socket.Authenticate(principal))
        {
            socket.SendError("This socket is signed in as another member; open a new socket for that token.");
            return;
        }
        socket.Send(LiveFrames.AuthOk);
        socket.StartMemberFeed();
    }
}
