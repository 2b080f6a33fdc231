using Forum.Bench.Circuits.Client;

namespace Forum.Bench.Circuits.Run;

/// <summary>A member under load: one login shared by its tabs, the post others comment on, and its badge count.</summary>
public sealed class LoadMember(MemberClient client, int postId)
{
    public MemberClient Client => client;

    /// <summary>A post this member wrote: a comment on it raises this member's badge in every tab.</summary>
    public int PostId => postId;

    public List<CircuitTab> Tabs { get; } = [];

    /// <summary>The server's unread count for this member as the driver knows it (prerendered, then +1 per comment).</summary>
    public int UnreadCount { get; set; }

    public CommentWriter? Writer { get; set; }

    /// <summary>The comment whose badge update the tabs are waiting for; one at a time per member, so every count is rendered.</summary>
    internal PendingBadge? Pending { get; set; }
}

/// <summary>The count a comment must make appear, when its POST was sent, and which tabs have shown it.</summary>
internal sealed class PendingBadge(int count, IReadOnlyList<CircuitTab> tabs, long sentTimestamp)
{
    private readonly bool[] _seen = new bool[tabs.Count];
    private int _remaining = tabs.Count;

    public byte[] Text { get; } = System.Text.Encoding.UTF8.GetBytes(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public long SentTimestamp => sentTimestamp;
    public int Expected => tabs.Count;
    public int Delivered => tabs.Count - Volatile.Read(ref _remaining);
    public TaskCompletionSource AllSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Marks <paramref name="tab"/> as having shown the count and runs <paramref name="record"/> before anyone waiting on
    /// <see cref="AllSeen"/> is released (so the figures already hold it); false when it already had or is not watched.
    /// </summary>
    public bool MarkSeen(CircuitTab tab, Action record)
    {
        lock (_seen)
        {
            var i = IndexOf(tab);
            if (i < 0 || _seen[i]) return false;
            _seen[i] = true;
        }
        record();
        if (Interlocked.Decrement(ref _remaining) == 0) AllSeen.TrySetResult();
        return true;
    }

    public bool IsWaitingFor(CircuitTab tab)
    {
        lock (_seen) return IndexOf(tab) is var i && i >= 0 && !_seen[i];
    }

    private int IndexOf(CircuitTab tab)
    {
        for (var i = 0; i < tabs.Count; i++) if (ReferenceEquals(tabs[i], tab)) return i;
        return -1;
    }
}
