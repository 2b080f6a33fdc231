using System.Buffers;

namespace Forum.App.Features.Realtime.Stream;

/// <summary>
/// One <c>/api/stream</c> reader (PROTOCOL.md, EventSource): the member's <c>notification</c> and <c>message</c> events,
/// resumable with Last-Event-ID. The request's own task is the writer loop; the stream ends when the client goes, the
/// queue overflows, or the token expires or is revoked.
/// </summary>
public sealed class StreamConnection : LiveConnection
{
    private readonly HttpContext _http;
    private long _nextKeepAlive;

    private StreamConnection(LiveServices services, HttpContext http) : base(services) => _http = http;

    public override Transport Transport => Transport.Stream;

    internal static async Task RunAsync(HttpContext http, LiveServices services)
    {
        long? lastEventId = null;
        if (http.Request.Headers["Last-Event-ID"] is [{ } header] && !string.IsNullOrWhiteSpace(header))
        {
            if (!long.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                await Api.ApiProblems.WriteAsync(http, StatusCodes.Status400BadRequest, "Last-Event-ID must be the id of the last notification you received.");
                return;
            }
            lastEventId = id;
        }
        var stream = new StreamConnection(services, http);
        if (!stream.SetIdentity(http.User)) return;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to hold events back in a buffer.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(http.RequestAborted);
        await stream.RunAsync(lastEventId);
    }

    private async Task RunAsync(long? lastEventId)
    {
        _nextKeepAlive = Environment.TickCount64 + Services.Options.StreamKeepAliveSeconds * 1000L;
        Services.Registry.Add(this);
        try
        {
            // Subscribed before reading anything, so nothing published in between is lost.
            StartFeed(resuming: lastEventId is not null);
            _ = StartAsync(lastEventId);
            await RunWriterAsync(_http.RequestAborted);
        }
        finally
        {
            StopFeed();
            Services.Registry.Remove(this);
        }
    }

    private async Task StartAsync(long? lastEventId)
    {
        try
        {
            if (lastEventId is { } id) await ResumeAsync(id);
            else await SendCountAsync();
        }
        catch (OperationCanceledException)
        {
            // The stream ended while its backlog was going out.
        }
        catch (Exception ex)
        {
            Services.Logger.LogWarning(ex, "Starting the stream of {UserId} failed", UserId);
            Terminate();
        }
    }

    public override void Revoke(string reason) => EndQueue();

    protected override void EndGracefully() => EndQueue();

    protected override void Terminate()
    {
        EndQueue();
        _http.Abort();
    }

    internal override void Sweep(long nowMs, DateTimeOffset now)
    {
        // The client reconnects with a fresh token (and Last-Event-ID, so it misses nothing).
        if (Expired(now)) EndQueue();
        else if (nowMs >= Volatile.Read(ref _nextKeepAlive))
        {
            Volatile.Write(ref _nextKeepAlive, nowMs + Services.Options.StreamKeepAliveSeconds * 1000L);
            Send(LiveFrames.KeepAlive);
        }
    }

    protected override async ValueTask WriteAsync(byte[] frame, bool flush)
    {
        var body = _http.Response.BodyWriter;
        body.Write(frame);
        if (flush && (await body.FlushAsync()).IsCompleted) throw new OperationCanceledException("The client went away.");
    }
}
