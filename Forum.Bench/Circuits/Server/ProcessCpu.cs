using System.Runtime.InteropServices;

namespace Forum.Bench.Circuits.Server;

/// <summary>CPU time of a process (user + system) from /proc/PID/stat, in the kernel's clock ticks (10 ms here).</summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux x64

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces: fields are counted after its closing parenthesis (field 3 = state).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15)
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// Busy and total time of one CPU from /proc/stat (all processes). Busy minus the server's own CPU over an interval
    /// is what other processes took from the server's core: the noise figure of a shared machine.
    /// </summary>
    public static (TimeSpan Busy, TimeSpan Total) Core(int cpu)
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith($"cpu{cpu} "));
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = f[3] + f[4]; // idle + iowait
        var total = f.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }

    /// <summary>The CPUs this process may run on, as /proc/self/status lists them ("0-1", "1").</summary>
    public static string AllowedCpus(int pid) =>
        File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:"))?.Split(':')[1].Trim() ?? "?";

    /// <summary>
    /// Pins every thread of this process to <paramref name="cpu"/>. Threads started later inherit the mask from
    /// their creator, so pinning all current threads pins the driver for good.
    /// </summary>
    public static bool PinSelf(int cpu)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var mask = 1UL << cpu;
        var ok = true;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
            ok &= sched_setaffinity(int.Parse(Path.GetFileName(task)), sizeof(ulong), ref mask) == 0;
        return ok;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);
}
