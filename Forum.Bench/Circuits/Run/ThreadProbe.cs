using System.Diagnostics;
using System.Text;
using Forum.Bench.Circuits.Client;

namespace Forum.Bench.Circuits.Run;

/// <summary>B5 figures: what a live comment costs the tabs reading the thread, and how long the page takes to render.</summary>
/// <param name="Batch">Bytes of the render batch that showed the new comment, per tab (p50 / p99 / max as "ms" fields).</param>
/// <param name="Arrival">POST sent → that batch arrived, per tab.</param>
/// <param name="Prerender">Sequential opens, one at a time: the prerender GET.</param>
/// <param name="Render">Sequential opens: UpdateRootComponents → the interactive batch.</param>
public sealed record ThreadFigures(Latency Batch, Latency Arrival, int Delivered, int Expected, Latency Prerender, Latency Render, double Components);

/// <summary>
/// B5: posts comments into the thread the tabs have open and records, per tab, the size of the render batch that
/// shows each one (found by a unique text in its string table) and its arrival; then opens tabs one at a time to time
/// the page's render without the queueing of concurrent opens. Forwards every batch to the run's other observer.
/// </summary>
public sealed class ThreadProbe(IBatchObserver inner) : IBatchObserver
{
    private readonly Lock _lock = new();
    private readonly List<double> _bytes = [], _ms = [];
    private (byte[] Marker, long Sent, HashSet<CircuitTab> Waiting, TaskCompletionSource Done)? _pending;
    private int _expected, _delivered;

    public void OnBatch(CircuitTab tab, byte[] batch, long arrivedTimestamp)
    {
        inner.OnBatch(tab, batch, arrivedTimestamp);
        lock (_lock)
        {
            if (_pending is not { } p || !p.Waiting.Contains(tab) || !RenderBatchReader.ContainsText(batch, p.Marker)) return;
            p.Waiting.Remove(tab);
            _bytes.Add(batch.Length);
            _ms.Add(Stopwatch.GetElapsedTime(p.Sent, arrivedTimestamp).TotalMilliseconds);
            _delivered++;
            if (p.Waiting.Count == 0) p.Done.TrySetResult();
        }
    }

    public async Task<ThreadFigures> RunAsync(LoadMember writer, int postId, string page, IReadOnlyList<CircuitTab> tabs, int comments, int opens, CancellationToken ct)
    {
        for (var i = 0; i < comments; i++)
        {
            var marker = $"Probe {i} {Guid.NewGuid():N}";
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = tabs.Where(t => t.DroppedReason is null).ToHashSet();
            lock (_lock)
            {
                _pending = (Encoding.UTF8.GetBytes(marker), Stopwatch.GetTimestamp(), waiting, done);
                _expected += waiting.Count;
            }
            await writer.Writer!.PostCommentAsync(postId, $"{marker}: a comment in the open thread.", ct);
            try { await done.Task.WaitAsync(TimeSpan.FromSeconds(10), ct); } catch (TimeoutException) { }
            lock (_lock) _pending = null;
            await Task.Delay(200, ct);
        }

        var (prerender, render, components) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < opens; i++)
        {
            var tab = await LoadRun.OpenTabAsync(writer, page, this, ct);
            prerender.Add(tab.PrerenderMs);
            render.Add(tab.RenderMs);
            components.Add(tab.Components);
            await tab.CloseAsync(ct);
            lock (writer.Tabs) writer.Tabs.Remove(tab);
        }
        lock (_lock)
            return new ThreadFigures(Latency.Of(_bytes), Latency.Of(_ms), _delivered, _expected, Latency.Of(prerender), Latency.Of(render), components.Average());
    }
}
