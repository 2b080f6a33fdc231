// Forum.Bench: message-center read latency and comment write throughput on seeded SQLite databases (the default mode),
// or, with "circuits" first, the Blazor circuit load driver (B1/B3; see Circuits/CircuitsCommand.cs), or, with "live"
// first, the /ws transport under load (see Live/LiveCommand.cs), or, with "chat" first, chat history reads at 1M messages
// and the fan-out of one message to a room (see Chat/ChatCommand.cs), or, with "chat-sockets" first, that fan-out to real
// /ws subscribers (see Chat/SocketFanoutCommand.cs), or, with "heap" first, where a circuit's bytes and
// open CPU go (a ClrMD heap walk or a sample profile of a server holding N circuits; see Heap/HeapCommand.cs), or, with
// "writers" first, concurrent comment writers on SQLite and PostgreSQL (see Writers/WritersCommand.cs).
// Usage: dotnet run -c Release --project Forum.Bench -- [--size 10k|1m|all] [--runs N] [--warmup N] [--writes N] [--write PATH]
using System.Diagnostics;
using Forum.Bench;
using Forum.Bench.Circuits;

if (args.FirstOrDefault() == "circuits") return await CircuitsCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "heap") return await Forum.Bench.Heap.HeapCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "live") return await Forum.Bench.Live.LiveCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "nodes") return await Forum.Bench.Nodes.NodesCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "chat") return await Forum.Bench.Chat.ChatCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "chat-sockets") return await Forum.Bench.Chat.SocketFanoutCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "writers") return await Forum.Bench.Writers.WritersCommand.RunAsync(args[1..]);

var sizes = new Dictionary<string, SeedSize>(StringComparer.OrdinalIgnoreCase)
{
    ["10k"] = new("10k", Users: 10_000, Posts: 100_000, Comments: 10_000),
    ["1m"] = new("1M", Users: 10_000, Posts: 100_000, Comments: 1_000_000),
};

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var unknown = args.Where(a => a.StartsWith("--") && a is not ("--size" or "--runs" or "--warmup" or "--writes" or "--write")).ToList();
var size = Arg("--size", "all");
if (unknown.Count > 0 || (size != "all" && !sizes.ContainsKey(size)))
{
    Console.Error.WriteLine("usage: Forum.Bench [--size 10k|1m|all] [--runs N] [--warmup N] [--writes N] [--write PATH]");
    return 2;
}
var options = new BenchOptions(int.Parse(Arg("--warmup", "200")), int.Parse(Arg("--runs", "2000")), int.Parse(Arg("--writes", "2000")));
var selected = size == "all" ? sizes.Values.ToList() : [sizes[size]];
var command = "dotnet run -c Release --project Forum.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");

var clock = Stopwatch.StartNew();
var loadAtStart = Report.LoadAverage();
var results = new List<SizeResult>();
foreach (var s in selected) results.Add(await SizeBench.RunAsync(s, options, m => Console.Error.WriteLine(m)));

var report = Report.Render(results, options, command, clock.Elapsed, loadAtStart);
Console.WriteLine(report);
if (Arg("--write", "") is { Length: > 0 } path) await ReportFile.WriteMainAsync(path, report);
return results.All(r => r.FirstPlan.Ok && r.DeepPlan.Ok) ? 0 : 1;
