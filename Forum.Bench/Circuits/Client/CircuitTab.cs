using System.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forum.Bench.Circuits.Client;

/// <summary>Sees every render batch of the tabs it watches, on the connection's receive loop: must be quick.</summary>
public interface IBatchObserver
{
    void OnBatch(CircuitTab tab, byte[] batch, long arrivedTimestamp);
}

/// <summary>
/// One browser tab on a Blazor Server page, without a browser: prerender GET, a blazorpack WebSocket to /_blazor,
/// StartCircuit + UpdateRootComponents, and the answers a browser gives (render acknowledgements, JS interop results).
/// No thread of its own: everything runs on the SignalR client's receive loop.
/// </summary>
public sealed class CircuitTab(MemberClient member, IBatchObserver? observer = null, object? tag = null) : IAsyncDisposable
{
    private static readonly IServiceProvider NoServices = new EmptyServices();
    private static readonly ReadOnlyMemory<byte> ReadyMarker = "circuit-ready"u8.ToArray();

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _hub;
    private volatile bool _closing;
    private int _disposed;

    public MemberClient Member => member;
    public object? Tag => tag;
    public string? CircuitId { get; private set; }

    /// <summary>The badge count the page was prerendered with (null on a page without the badge).</summary>
    public int? InitialUnreadCount { get; private set; }

    /// <summary>Live components of the circuit: roots plus component frames inserted, minus components disposed.</summary>
    public int Components { get; private set; }

    /// <summary>The prerender GET, request to last byte (the server renders the whole page as HTML).</summary>
    public double PrerenderMs { get; private set; }

    /// <summary>UpdateRootComponents sent → the interactive batch arrived (the circuit renders the page).</summary>
    public double RenderMs { get; private set; }

    /// <summary>Set when the connection ended without <see cref="CloseAsync"/> (server gone, timeout, JS.Error).</summary>
    public string? DroppedReason { get; private set; }

    /// <summary>
    /// Opens the tab and returns once the page is interactive: the batch holding the layout's "circuit-ready"
    /// marker (rendered only when RendererInfo.IsInteractive) has arrived.
    /// </summary>
    public async Task OpenAsync(string path, CancellationToken ct)
    {
        var pageUri = new Uri(member.BaseUri, path);
        // Only the count is kept from the page: thousands of tabs should not each hold its markers and state.
        var started = Stopwatch.GetTimestamp();
        var page = await member.GetPageAsync(path, ct);
        PrerenderMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        InitialUnreadCount = page.UnreadCount;
        if (page.Markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server root.");

        var hubUri = new Uri(member.BaseUri, "_blazor");
        var options = new HttpConnectionOptions { Url = hubUri, Transports = HttpTransportType.WebSockets, SkipNegotiation = true };
        options.Headers["Cookie"] = member.CookieHeader;
        var hub = new HubConnection(new HttpConnectionFactory(Options.Create(options), NullLoggerFactory.Instance),
            BlazorPackHubProtocol.Instance, new UriEndPoint(hubUri), NoServices, NullLoggerFactory.Instance)
        {
            // The browser's default is 30 s; a busy one-core driver must not be the reason a circuit is counted dropped.
            ServerTimeout = TimeSpan.FromSeconds(60),
            KeepAliveInterval = member.KeepAlive,
        };
        _hub = hub;
        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        hub.On<string>("JS.Error", error => Drop("JS.Error: " + error));
        hub.Closed += error =>
        {
            if (!_closing) Drop("connection closed: " + (error?.Message ?? "by the server"));
            return Task.CompletedTask;
        };

        await hub.StartAsync(ct);
        var baseUri = member.BaseUri.ToString();
        CircuitId = await hub.InvokeAsync<string?>("StartCircuit", baseUri, pageUri.ToString(), "[]", page.PersistedState, ct)
            ?? throw new InvalidOperationException("The server refused the circuit (StartCircuit returned null).");
        Components = page.Markers.Count;
        started = Stopwatch.GetTimestamp();
        await hub.SendAsync("UpdateRootComponents", page.RootComponentOperations(), page.PersistedState, ct);
        await _ready.Task.WaitAsync(ct);
        RenderMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        // Taken first: the arrival time of the batch, before parsing and acknowledging it.
        var arrived = Stopwatch.GetTimestamp();
        Components += RenderBatchReader.ComponentDelta(batch);
        if (!_ready.Task.IsCompleted && RenderBatchReader.ContainsText(batch, ReadyMarker.Span)) _ready.TrySetResult();
        observer?.OnBatch(this, batch, arrived);
        // Unacknowledged batches stop the server's rendering after a few: ack each one as the browser does.
        return _hub!.SendAsync("OnRenderCompleted", batchId, null);
    }

    private Task OnBeginInvokeJSAsync(long handle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType) =>
        // A call that awaits a result (handle != 0) gets "done, no value", or the component waits until its timeout.
        handle == 0 ? Task.CompletedTask : _hub!.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");

    private void Drop(string reason)
    {
        DroppedReason ??= reason;
        _ready.TrySetException(new InvalidOperationException(reason));
    }

    /// <summary>Closes the tab as a browser does on unload: the disconnect beacon, then the socket.</summary>
    public async Task CloseAsync(CancellationToken ct = default)
    {
        _closing = true;
        if (CircuitId is not null && DroppedReason is null)
            try { await member.DisconnectAsync(CircuitId, ct); }
            catch (HttpRequestException) { }
        await DisposeAsync();
    }

    /// <summary>
    /// HubConnection disposes the provider it is given (the builder makes one per connection); one shared provider
    /// that owns nothing and cannot be disposed saves that per-tab cost. Every option then takes its default.
    /// </summary>
    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_hub is { } hub && Interlocked.Exchange(ref _disposed, 1) == 0) await hub.DisposeAsync();
    }
}
