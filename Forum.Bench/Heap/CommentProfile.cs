using Forum.Bench.Circuits.Client;
using Forum.Bench.Circuits.Run;

namespace Forum.Bench.Heap;

/// <summary>
/// `heap --alloc-comments N` / `--cpu-comments N`: with the circuits open, the second member posts N comments (one at a
/// time, 10 ms apart) on the first member's post, whose tabs all get the badge; the server's allocations (by type and
/// stack) or CPU samples (by method) while they are written and delivered, and its CPU per comment.
/// </summary>
public static class CommentProfile
{
    public static async Task<string> RunAsync(int pid, List<LoadMember> members, int count, bool cpu, string trace, int types, CancellationToken ct)
    {
        var writer = await CommentWriter.CreateAsync(members[1].Client, ct);
        for (var i = 0; i < 100; i++) await writer.PostCommentAsync(members[0].PostId, $"Warm-up {i}", ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        async Task PostAll()
        {
            for (var i = 0; i < count; i++)
            {
                await writer.PostCommentAsync(members[0].PostId, $"Comment {i}: the badge should move in every tab.", ct);
                await Task.Delay(10, ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        var (user0, system0) = HeapCommand.UserAndSystem(pid);
        var report = cpu
            ? CpuProfile.Report(await CpuProfile.RecordAsync(pid, trace, PostAll, ct), types)
            : AllocProfile.Report(await AllocProfile.RecordAsync(pid, trace, PostAll, ct), types, count);
        var (user1, system1) = HeapCommand.UserAndSystem(pid);
        return $"{count} comments on the first member's post, its tabs open; server CPU {(user1 + system1 - user0 - system0) * 10.0 / count:F2} ms " +
               $"per comment (profiler on, 1 s of quiet after the last included)\n\n{report}";
    }
}
