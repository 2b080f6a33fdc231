using Forum.Bench.Circuits.Server;

namespace Forum.Bench.Circuits.Run;

/// <summary>One measured configuration: a target, a page, a number of circuits, the comment rates (one phase each, in order).</summary>
public sealed record RunSettings(
    int Circuits, int Members, string Page, IReadOnlyList<double> Rates, int Seconds, int IdleSeconds, int WarmupSeconds, int OpenConcurrency, int SettleSeconds, int? ServerCpu,
    int ThreadProbe = 0, int ThreadComments = 0)
{
    public int TabsPerMember => Math.Max(1, Circuits / Math.Max(1, Members));
}

public sealed record RunResult(
    string Target, string Page, RunSettings Settings, string LoadStart, string LoadEnd, string WriterAuth,
    int Circuits, double ComponentsPerCircuit, double LoginCpuMs,
    HeapAfterGc HeapBefore, HeapAfterGc HeapWith, double OpenCpuMsPerCircuit, Latency Open,
    PhaseFigures Idle, IReadOnlyList<LoadFigures> Loads, int Dropped, string? FirstDropReason, ThreadFigures? Thread = null)
{
    public double IdleCpuPercent => Idle.ServerCpu;
    public double LiveKbPerCircuit => (HeapWith.LiveBytes - HeapBefore.LiveBytes) / 1024.0 / Circuits;
    public double HeapKbPerCircuit => (HeapWith.HeapBytes - HeapBefore.HeapBytes) / 1024.0 / Circuits;
}

/// <summary>One phase (idle or comments), each CPU figure in % of a core; OthersOnServerCore is NaN when not pinned.</summary>
public sealed record PhaseFigures(double ServerCpu, double OthersOnServerCore, double DriverCpu, GcFigures Gc, IReadOnlyList<GcAnatomy.Pause> Pauses);

/// <summary>One comment phase: the rate asked, the rate done, comments skipped (every member busy), the badge figures.</summary>
public sealed record LoadFigures(double Rate, double AchievedRate, int Skipped, BadgeFigures Badge, PhaseFigures Phase);
