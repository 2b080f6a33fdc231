using System.Diagnostics;

namespace Forum.Bench;

/// <summary>Latencies in milliseconds over <see cref="Runs"/> timed calls (nearest-rank percentiles).</summary>
public sealed record Stat(string Name, int Runs, double P50, double P99, double Mean, double Max, TimeSpan Total)
{
    public double PerSecond => Runs / Total.TotalSeconds;
}

public static class Measure
{
    /// <summary>
    /// Calls <paramref name="op"/> untimed at least <paramref name="warmup"/> times and for at least a second (so tiered JIT
    /// has promoted the hot code), then <paramref name="runs"/> times, each timed on its own.
    /// </summary>
    public static async Task<Stat> TimeAsync(string name, int warmup, int runs, Func<int, Task> op)
    {
        var warm = Stopwatch.StartNew();
        var n = 0;
        while (n < warmup || (warmup > 0 && warm.Elapsed < TimeSpan.FromSeconds(1))) await op(n++);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var samples = new double[runs];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op(n + i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        total.Stop();
        Array.Sort(samples);
        return new Stat(name, runs, Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Average(), samples[^1], total.Elapsed);
    }

    /// <summary>A <see cref="Stat"/> of samples (milliseconds) taken one after another over <paramref name="total"/>.</summary>
    public static Stat Summarize(string name, double[] samples, TimeSpan total)
    {
        var sorted = samples.Order().ToArray();
        return new Stat(name, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted[^1], total);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
