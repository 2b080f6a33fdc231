using System.Diagnostics;
using Forum.Bench.Circuits.Client;

namespace Forum.Bench.Circuits.Run;

/// <summary>
/// B3: posts a comment on a member's post and times, in every open tab of that member, the arrival of the render
/// batch holding the new count (searched for in the batch's string table) from the moment the POST was sent.
/// </summary>
public sealed class BadgeTracker : IBatchObserver
{
    private readonly Lock _lock = new();
    private readonly List<double> _badgeMs = [];
    private readonly List<(long Sent, long Arrived)> _badgeWindows = [];
    private readonly List<double> _postMs = [];
    private int _expected, _delivered, _failedPosts;

    public void OnBatch(CircuitTab tab, byte[] batch, long arrivedTimestamp)
    {
        if (tab.Tag is not LoadMember { Pending: { } pending } || !pending.IsWaitingFor(tab)) return;
        if (!RenderBatchReader.ContainsString(batch, pending.Text)) return;
        var ms = Stopwatch.GetElapsedTime(pending.SentTimestamp, arrivedTimestamp).TotalMilliseconds;
        pending.MarkSeen(tab, () =>
        {
            lock (_lock)
            {
                _badgeMs.Add(ms);
                _badgeWindows.Add((pending.SentTimestamp, arrivedTimestamp));
                _delivered++;
            }
        });
    }

    /// <summary>
    /// Posts one comment by <paramref name="writer"/> on <paramref name="author"/>'s post and waits until every open
    /// tab of the author shows the new count, or <paramref name="timeout"/> passes (the missing tabs count as undelivered).
    /// </summary>
    public async Task PostAndWatchAsync(LoadMember author, CommentWriter writer, TimeSpan timeout, CancellationToken ct)
    {
        var tabs = author.Tabs.Where(t => t.DroppedReason is null).ToList();
        var pending = new PendingBadge(author.UnreadCount + 1, tabs, Stopwatch.GetTimestamp());
        author.Pending = pending;
        try
        {
            await writer.PostCommentAsync(author.PostId, "Load test comment: the badge should move in every tab.", ct);
            author.UnreadCount++;
            var postMs = Stopwatch.GetElapsedTime(pending.SentTimestamp).TotalMilliseconds;
            lock (_lock)
            {
                _postMs.Add(postMs);
                _expected += pending.Expected;
            }
            if (pending.Expected > 0)
                try { await pending.AllSeen.Task.WaitAsync(timeout, ct); }
                catch (TimeoutException) { }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            lock (_lock) _failedPosts++;
        }
        finally
        {
            author.Pending = null;
        }
    }

    /// <summary>
    /// Takes the figures gathered so far and starts afresh (warm-up figures are dropped this way).
    /// <paramref name="gcPausedBetween"/> (Stopwatch timestamps) splits out the updates no server GC pause delayed.
    /// </summary>
    public BadgeFigures TakeFigures(Func<long, long, bool>? gcPausedBetween = null)
    {
        lock (_lock)
        {
            var clear = gcPausedBetween is null ? [] : _badgeMs.Where((_, i) => !gcPausedBetween(_badgeWindows[i].Sent, _badgeWindows[i].Arrived)).ToList();
            var figures = new BadgeFigures(Latency.Of(_badgeMs), Latency.Of(clear), Latency.Of(_postMs), _delivered, _expected, _failedPosts);
            _badgeMs.Clear();
            _badgeWindows.Clear();
            _postMs.Clear();
            _expected = _delivered = _failedPosts = 0;
            return figures;
        }
    }
}

/// <param name="BadgeWithoutGc">Badge latencies of the updates during which the server did not pause for a GC.</param>
public sealed record BadgeFigures(Latency Badge, Latency BadgeWithoutGc, Latency Post, int Delivered, int Expected, int FailedPosts);

/// <summary>Nearest-rank percentiles in milliseconds.</summary>
public sealed record Latency(int Count, double P50, double P99, double Max)
{
    public static Latency Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new(0, double.NaN, double.NaN, double.NaN);
        var sorted = samples.Order().ToArray();
        return new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
