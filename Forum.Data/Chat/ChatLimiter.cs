using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Forum.Data.Chat;

/// <summary>
/// The flood rules of this node, in memory: at most <see cref="ChatOptions.MessagesPerWindow"/> sends per member in a
/// sliding window, and not the same text to the same place twice within <see cref="ChatOptions.DuplicateSeconds"/>.
/// A resend of one draft (its request id seen recently) is the same message: always admitted, counted once.
/// With several nodes behind a sticky balancer a member's connections share a node, so per-node state is enough.
/// </summary>
public sealed class ChatLimiter(IOptions<ChatOptions> options, TimeProvider clock)
{
    /// <summary>Every this many sends, members idle for longer than the rules look back are forgotten.</summary>
    private const int SweepEvery = 1_024;

    private readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);
    private long _sends;

    /// <summary>Records the send, or throws the refusal (nothing recorded) for the sender to read.</summary>
    public void Admit(string userId, string target, string text, Guid? requestId)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var (window, duplicate) = (TimeSpan.FromSeconds(o.WindowSeconds), TimeSpan.FromSeconds(o.DuplicateSeconds));
        var memory = window > duplicate ? window : duplicate;
        while (true)
        {
            var member = _members.GetOrAdd(userId, _ => new Member());
            lock (member)
            {
                if (member.Forgotten) continue; // the sweeper dropped it between GetOrAdd and lock: take the new one
                while (member.Sends.TryPeek(out var at) && now - at >= window) member.Sends.Dequeue();
                member.Recent.RemoveAll(r => now - r.At >= memory);
                if (requestId is not null && member.Recent.Exists(r => r.RequestId == requestId)) return;
                if (member.Recent.FindLast(r => now - r.At < duplicate && r.Target == target && r.Text == text) is { } same)
                    throw ForumException.RateLimited(
                        $"You sent that same message a moment ago; wait {Wait(same.At + duplicate - now)} before sending it again.",
                        same.At + duplicate - now);
                if (member.Sends.Count >= o.MessagesPerWindow)
                {
                    var wait = member.Sends.Peek() + window - now;
                    throw ForumException.RateLimited(
                        $"You are sending messages too fast (at most {o.MessagesPerWindow} in {Seconds(window)} seconds): " +
                        $"wait {Wait(wait)} and try again.", wait);
                }
                member.Sends.Enqueue(now);
                member.Recent.Add(new Sent(target, text, requestId, now));
                member.LastAt = now;
                break;
            }
        }
        if (Interlocked.Increment(ref _sends) % SweepEvery == 0) Sweep(now - memory);
    }

    /// <summary>Members with recent sends (for tests: forgetting idle members keeps the memory bounded).</summary>
    public int Tracked => _members.Count;

    private void Sweep(DateTimeOffset idleBefore)
    {
        foreach (var entry in _members)
        {
            lock (entry.Value)
            {
                if (entry.Value.LastAt >= idleBefore) continue;
                entry.Value.Forgotten = true;
                _members.TryRemove(entry);
            }
        }
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static string Wait(TimeSpan span) => Seconds(span) == 1 ? "1 second" : $"{Seconds(span)} seconds";

    private sealed record Sent(string Target, string Text, Guid? RequestId, DateTimeOffset At);

    private sealed class Member
    {
        public readonly Queue<DateTimeOffset> Sends = new();
        public readonly List<Sent> Recent = [];
        public DateTimeOffset LastAt;
        public bool Forgotten;
    }
}
