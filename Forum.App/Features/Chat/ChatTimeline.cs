using Forum.Data.Chat;

namespace Forum.App.Features.Chat;

/// <summary>A row of a chat view: a message, or a notice ("Alice joined") that is shown and never stored.</summary>
public sealed record ChatEntry(long Key, ChatMessageView? Message, string? Notice);

/// <summary>
/// What a chat view shows, oldest first: messages in id order, each id once (a message that arrives both from the bus and
/// as the sender's own result, or again in a catch-up, replaces itself), with notices where they happened.
/// </summary>
public sealed class ChatTimeline
{
    /// <summary>Messages from one sender this close together share one header.</summary>
    public static readonly TimeSpan GroupGap = TimeSpan.FromMinutes(5);

    /// <summary>Rows kept while following live: older ones leave the top (and come back with "Earlier messages").</summary>
    public const int MaxEntries = 400;

    private readonly List<ChatEntry> _entries = [];
    private readonly HashSet<long> _ids = [];
    private long _noticeKey;

    public IReadOnlyList<ChatEntry> Entries => _entries;

    /// <summary>Earlier messages exist before the first one shown.</summary>
    public bool MoreEarlier { get; private set; }

    /// <summary>The oldest message shown: where "Earlier messages" pages back from.</summary>
    public long? FirstId => _entries.FirstOrDefault(e => e.Message is not null)?.Message!.Id;

    /// <summary>The newest message id seen: where a catch-up reads on from.</summary>
    public long LastId { get; private set; }

    /// <summary>Starts over with a page (the latest, or a reload).</summary>
    public void Show(ChatPage page)
    {
        _entries.Clear();
        _ids.Clear();
        LastId = 0;
        MoreEarlier = page.More;
        foreach (var message in page.Items) Add(message);
    }

    /// <summary>An earlier page, above what is shown.</summary>
    public void Prepend(ChatPage page)
    {
        var older = page.Items.Where(m => _ids.Add(m.Id)).Select(m => new ChatEntry(m.Id, m, null)).ToList();
        _entries.InsertRange(0, older);
        MoreEarlier = page.More;
    }

    /// <summary>A message in its place by id; one already shown is replaced (its deleted state may have changed).</summary>
    public bool Add(ChatMessageView message)
    {
        var entry = new ChatEntry(message.Id, message, null);
        if (!_ids.Add(message.Id))
        {
            var index = _entries.FindIndex(e => e.Key == message.Id);
            _entries[index] = entry;
            return false;
        }
        if (message.Id > LastId)
        {
            LastId = message.Id;
            _entries.Add(entry);
            Trim();
            return true;
        }
        // Older than the newest shown (a catch-up filling a gap): after the last message before it.
        var before = _entries.FindLastIndex(e => e.Message is { } m && m.Id < message.Id);
        _entries.Insert(before + 1, entry);
        return true;
    }

    /// <summary>The placeholder for a deleted message; false when it is not shown here.</summary>
    public bool MarkDeleted(long messageId)
    {
        var index = _entries.FindIndex(e => e.Key == messageId);
        if (index < 0) return false;
        _entries[index] = _entries[index] with { Message = _entries[index].Message! with { Text = "", Deleted = true } };
        return true;
    }

    public void Notice(string text)
    {
        _entries.Add(new ChatEntry(--_noticeKey, null, text));
        Trim();
    }

    /// <summary>Whether the row at <paramref name="index"/> starts a group (shows the sender and time) or continues one.</summary>
    public bool StartsGroup(int index)
    {
        if (_entries[index].Message is not { } message || index == 0) return true;
        return _entries[index - 1].Message is not { } previous || previous.Sender.Id != message.Sender.Id
            || (previous.ConversationId is null) != (message.ConversationId is null) || message.CreatedAt - previous.CreatedAt > GroupGap;
    }

    private void Trim()
    {
        if (_entries.Count <= MaxEntries) return;
        var drop = _entries.Count - MaxEntries;
        foreach (var entry in _entries.Take(drop)) _ids.Remove(entry.Key);
        _entries.RemoveRange(0, drop);
        MoreEarlier = true;
    }
}
