using System.Diagnostics;

namespace Forum.Bench.Circuits.Run;

/// <summary>
/// Comments at a fixed rate (an open loop: the schedule does not wait for answers). Each one lands on the post of a
/// member with no comment in flight, so every count is rendered and counted; the writer is another member.
/// </summary>
public sealed class CommentLoad(IReadOnlyList<LoadMember> members, BadgeTracker tracker)
{
    private static readonly TimeSpan BadgeTimeout = TimeSpan.FromSeconds(10);
    private readonly List<Task> _inFlight = [];
    private int _next;

    public int Posted { get; private set; }

    /// <summary>Comments that were due while every member still had one in flight (the rate was not reached).</summary>
    public int Skipped { get; private set; }

    public async Task RunAsync(double perSecond, TimeSpan length, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var k = 0; ; k++)
        {
            var due = TimeSpan.FromSeconds(k / perSecond);
            if (due >= length) break;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            if (FreeAuthor() is not { } author)
            {
                Skipped++;
                continue;
            }
            var writer = members[(author + 1 + k % Math.Max(1, members.Count - 1)) % members.Count];
            if (ReferenceEquals(writer, members[author])) writer = members[(author + 1) % members.Count];
            _inFlight.Add(tracker.PostAndWatchAsync(members[author], writer.Writer!, BadgeTimeout, ct));
            Posted++;
        }
    }

    /// <summary>Waits for the comments still in flight (their badges, or their timeouts).</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight);

    private int? FreeAuthor()
    {
        for (var tried = 0; tried < members.Count; tried++)
        {
            var i = _next;
            _next = (_next + 1) % members.Count;
            if (members[i].Pending is null) return i;
        }
        return null;
    }
}
