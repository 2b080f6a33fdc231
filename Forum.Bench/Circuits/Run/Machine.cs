using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Forum.Bench.Circuits.Run;

/// <summary>The machine facts a circuits report carries (shared with the message-center report).</summary>
public static class Machine
{
    public static string LoadAverage() => Report.LoadAverage();

    public static string Describe() =>
        $"{Report.Cpu()}, {Environment.ProcessorCount} cores, {Report.Memory()}, {Report.Os()}, " +
        $"{RuntimeInformation.FrameworkDescription}";

    /// <summary>The commit of the code measured (short hash, "+changes" when the work tree differs), or "unknown".</summary>
    public static string Commit(string repoRoot)
    {
        try
        {
            string Git(params string[] args)
            {
                var info = new ProcessStartInfo("git", args) { WorkingDirectory = repoRoot, RedirectStandardOutput = true };
                using var git = Process.Start(info)!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return output;
            }
            var head = Git("rev-parse", "--short", "HEAD");
            return head.Length == 0 ? "unknown" : head + (Git("status", "--porcelain").Length > 0 ? " +changes" : "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
