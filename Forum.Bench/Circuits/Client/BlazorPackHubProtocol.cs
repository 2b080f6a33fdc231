using Microsoft.AspNetCore.SignalR.Protocol;

namespace Forum.Bench.Circuits.Client;

/// <summary>
/// Blazor Server's hub speaks the MessagePack hub protocol under the name "blazorpack"; only the name differs,
/// so the stock protocol is reused. One instance serves every connection (it keeps no per-connection state).
/// </summary>
public sealed class BlazorPackHubProtocol : MessagePackHubProtocol, IHubProtocol
{
    public static readonly BlazorPackHubProtocol Instance = new();

    string IHubProtocol.Name => "blazorpack";
}
