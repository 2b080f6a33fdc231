using System.Diagnostics;
using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Circuits.Run;

/// <summary>A server the driver measures: how to build it, fill a fresh data directory with members, and start it.</summary>
public abstract class Target(string name, string projectDir, string dllName)
{
    public string Name => name;
    public string ProjectDir => projectDir;

    /// <summary>Whether this target has the page (the baseline has only "/").</summary>
    public abstract bool Serves(string page);

    /// <summary>How often a tab pings the server, as the target's browsers do (SignalR's client default).</summary>
    public virtual TimeSpan ClientPings => TimeSpan.FromSeconds(15);

    /// <summary>Seeds <paramref name="dataDir"/> (or tells the server how to) and returns what to start and who logs in.</summary>
    public abstract Task<(ServerSpec Spec, LoadAccounts Accounts)> PrepareAsync(string dataDir, int members, CancellationToken ct);

    protected string Dll => Path.Combine(projectDir, "bin", "Release", "net10.0", dllName);

    /// <summary>`dotnet build -c Release` of the project, so the server runs as it would in production.</summary>
    public async Task BuildAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", projectDir]) { RedirectStandardOutput = true };
        using var build = Process.Start(info)!;
        var output = await build.StandardOutput.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0) throw new InvalidOperationException($"Build of {projectDir} failed:\n{output}");
    }

    /// <summary>The solution folder: the nearest parent of the driver's binaries holding Forum.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Forum.sln"))) return dir.FullName;
        throw new InvalidOperationException("Forum.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The forum (Forum.App), its database seeded through Forum.Data before it starts.</summary>
public sealed class ForumTarget(string repoRoot, int threadComments, IReadOnlyDictionary<string, string>? serverEnvironment = null)
    : Target("forum", Path.Combine(repoRoot, "Forum.App"), "Forum.App.dll")
{
    public const string ThreadPage = "thread", ThreadEndPage = "thread-end";

    public override bool Serves(string page) => true;

    /// <summary>forum.js starts Blazor with 30 s pings (the server gives a silent tab 60 s).</summary>
    public override TimeSpan ClientPings => TimeSpan.FromSeconds(30);

    public override async Task<(ServerSpec, LoadAccounts)> PrepareAsync(string dataDir, int members, CancellationToken ct)
    {
        var accounts = await ForumLoadData.SeedAsync(dataDir, members, threadComments, ct);
        var env = new Dictionary<string, string>
        {
            ["Forum__Data__Directory"] = dataDir,
            // Every load member asks for its token from one address, and a member may write more than 60 comments a
            // minute at the higher rates: the API's limits would refuse the load, not measure it.
            ["Forum__Api__RateLimits__TokenPerAddress"] = "100000",
            ["Forum__Api__RateLimits__WritesPerMember"] = "100000",
        };
        // Experiments only (GC settings, say): what the forum ships with is in its own runtime config.
        foreach (var (k, v) in serverEnvironment ?? new Dictionary<string, string>()) env[k] = v;
        return (new ServerSpec(Name, ProjectDir, Dll, env), accounts);
    }
}

/// <summary>The bare template with a MudBlazor layout (Forum.Bench/Baseline), which seeds its own members on start.</summary>
public sealed class BaselineTarget(string repoRoot) : Target("baseline", Path.Combine(repoRoot, "Forum.Bench", "Baseline"), "Baseline.dll")
{
    public override bool Serves(string page) => page == "/";

    public override Task<(ServerSpec, LoadAccounts)> PrepareAsync(string dataDir, int members, CancellationToken ct)
    {
        var env = new Dictionary<string, string>
        {
            ["Baseline__DataDirectory"] = dataDir,
            ["Baseline__Members"] = members.ToString(),
            ["Baseline__Password"] = ForumLoadData.Password,
        };
        // The baseline's convention: member i is "load{i:D5}" and owns post i + 1.
        var list = Enumerable.Range(0, members).Select(i => ($"load{i:D5}", i + 1)).ToList();
        return Task.FromResult((new ServerSpec(Name, ProjectDir, Dll, env), new LoadAccounts(list, ForumLoadData.Password, null, 0)));
    }
}
