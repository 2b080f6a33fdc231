namespace Forum.App.Hosting;

/// <summary>
/// How often a circuit's connection is pinged, and how long silence lasts before it is given up; the browser side is
/// set to the same figures in wwwroot/forum.js (Blazor.start).
/// </summary>
public static class CircuitPings
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
}
