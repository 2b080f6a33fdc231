using System.Runtime.InteropServices;

namespace Forum.Bench.Circuits.Run;

/// <summary>The machine facts a circuits report carries (shared with the message-center report).</summary>
public static class Machine
{
    public static string LoadAverage() => Report.LoadAverage();

    public static string Describe() =>
        $"{Report.Cpu()}, {Environment.ProcessorCount} cores, {Report.Memory()}, {Report.Os()}, " +
        $"{RuntimeInformation.FrameworkDescription}";
}
