namespace Forum.Bench.Circuits.Run;

/// <summary>How the circuits figures are taken, printed under the tables so a reader can judge them.</summary>
public static class CircuitsMethod
{
    public static readonly string[] Lines =
    [
        "Each row is a fresh server process: `dotnet <App>.dll` built in Release, `ASPNETCORE_ENVIRONMENT=Production`, on 127.0.0.1, " +
        "a fresh data directory, `ulimit -n` raised to the hard limit, pinned with `taskset` when the machine has two cores. " +
        "The forum runs with Workstation GC (its project sets it; see \"GC settings\"), the baseline with Server GC (the Web SDK's default; pinned to one core it has one heap). " +
        "The forum's database is made before the server starts through Forum.Data (the app's migrations and demo seed, then N members " +
        "with UserManager, a post of each dated before the demo posts so `/` shows the usual movies, and the first movie's thread grown to ~60 comments). " +
        "The baseline (Forum.Bench/Baseline: the Blazor Web App template with global Server interactivity and Identity, a MudBlazor " +
        "layout, the same login form shape and a badge moved by the same comment route) seeds its own members.",
        "The driver is a browser without a browser: each member logs in once through the real form (antiforgery token, `_handler=login`) " +
        "and its tabs share that cookie; a tab GETs the page (prerender), reads the `<!--Blazor:…-->` markers and persisted state, " +
        "opens a WebSocket to `/_blazor` with the `blazorpack` protocol, calls StartCircuit and UpdateRootComponents, acknowledges every " +
        "render batch (OnRenderCompleted), answers JS interop calls, and counts the circuit as open when the layout's `circuit-ready` marker " +
        "(rendered only when interactive) arrives in a batch. Tabs close with `POST /_blazor/disconnect`, as the browser's beacon does.",
        "Warm-up first (circuits opened and closed, comments posted, for the given seconds) so tiered JIT has settled; its figures are dropped. " +
        "After the N circuits are open the driver waits the settle seconds (the last renders, their JS interop follow-ups and the tier-1 " +
        "JIT of what the opens made hot) before the second forced GC and the idle phase; the progress output shows the server's CPU every 5 s.",
        "Memory: a forced full GC before the circuits open and another after (the driver opens an EventPipe session with the runtime's " +
        "GCHeapCollect keyword, which makes the runtime run one blocking gen2 GC, as dotnet-gcdump does); the GCHeapStats event of that " +
        "GC gives the heap. Live KB / circuit = (promoted bytes of all generations with N circuits − before) / N: what a compacting GC " +
        "would leave, whether or not the runtime chose to compact. Heap KB / circuit uses the generation sizes, free space included.",
        "Server CPU is utime + stime from /proc/PID/stat (10 ms ticks): per open = CPU while the N circuits open ÷ N (prerender GET, " +
        "circuit start, first renders; logins are before and not included); idle = CPU over the idle seconds ÷ wall time. " +
        "GC counts and pauses (SuspendEE → RestartEE for a GC) come from a GC-keyword EventPipe session held for the whole run.",
        "Badge latency: comments are posted at a fixed rate (open loop) through `POST /api/posts/{id}/comments` on the post of a member " +
        "with no comment in flight (so every count is rendered, none coalesced), written by another member (a Bearer token from " +
        "`/api/auth/token` when the server has it, else the cookie). Per open tab of the author: arrival time of the render batch whose " +
        "string table holds the new count − the time the POST was sent. Delivered / expected counts every tab of every comment " +
        "(10 s timeout). POST latency is the API call alone. \"No GC paused\": the same latencies, keeping only the updates during " +
        "which the server did not pause for a GC (pauses from the GC event session, mapped onto the driver's clock), which shows how much " +
        "of the tail is GC.",
        "Dropped: circuits whose connection ended without the driver closing it (server close, 60 s without a server message, JS.Error).",
    ];
}
