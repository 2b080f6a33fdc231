using Forum.Data.Comments;

namespace Forum.App.Features.Comments;

/// <summary>
/// The part of a thread a page shows: a run of comments in reading order (<see cref="ThreadKey"/>) and how many come
/// before and after it. A thread of any length opens with at most <see cref="PageSize"/> comment cards, so a circuit
/// holds a bounded number of components, and a comment arriving live renders its own card (when it falls inside the
/// run, or after it while the run reaches the thread's end) or only moves a count.
/// </summary>
public sealed class CommentWindow
{
    public const int PageSize = 50;

    private readonly List<CommentView> _comments = [];

    public IReadOnlyList<CommentView> Comments => _comments;
    public int Before { get; private set; }
    public int After { get; private set; }
    public int Total => Before + _comments.Count + After;
    public ThreadKey? First => _comments.Count == 0 ? null : ThreadKey.Of(_comments[0]);
    public ThreadKey? Last => _comments.Count == 0 ? null : ThreadKey.Of(_comments[^1]);

    public bool Contains(int commentId) => _comments.Exists(c => c.Id == commentId);

    public void Show(ThreadWindow window)
    {
        _comments.Clear();
        _comments.AddRange(window.Comments);
        (Before, After) = (window.Before, window.After);
    }

    /// <summary>The page right after this one (loaded with <see cref="Last"/>): the run grows at its end.</summary>
    public void Append(ThreadWindow next)
    {
        _comments.AddRange(next.Comments.Where(c => !Contains(c.Id)));
        After = next.After;
    }

    /// <summary>The page right before this one (loaded with <see cref="First"/>): the run grows at its start.</summary>
    public void Prepend(ThreadWindow previous)
    {
        _comments.InsertRange(0, previous.Comments.Where(c => !Contains(c.Id)));
        Before = previous.Before;
    }

    /// <summary>A comment that now exists; true when it is shown, false when only a count moved.</summary>
    public bool Add(CommentView comment)
    {
        if (Contains(comment.Id)) return true;
        var key = ThreadKey.Of(comment);
        if (First is { } first && key < first)
        {
            Before++;
            return false;
        }
        if ((Last is { } last && key > last || _comments.Count == 0) && After > 0)
        {
            After++;
            return false;
        }
        var index = _comments.FindLastIndex(c => ThreadKey.Of(c) < key) + 1;
        _comments.Insert(index, comment);
        return true;
    }

    /// <summary>An edited comment; true when it is shown here.</summary>
    public bool Replace(CommentView comment)
    {
        var index = _comments.FindIndex(c => c.Id == comment.Id);
        if (index < 0) return false;
        _comments[index] = comment;
        return true;
    }

    /// <summary>A deleted comment; false when it was not shown (then the counts around the run may be stale).</summary>
    public bool Remove(int commentId) => _comments.RemoveAll(c => c.Id == commentId) > 0;

    /// <summary>Counts read again from the database after a change outside the run.</summary>
    public void Recount(int before, int after) => (Before, After) = (before, after);

    /// <summary>Whether a top-level comment may have replies this run does not show (its thread continues after it).</summary>
    public bool MayContinue(int rootId) => After > 0 && Last is { } last && last.Root == rootId;

    /// <summary>The shown comments grouped by thread: runs of one top-level comment's id (its card may be before the run).</summary>
    public IEnumerable<(int Root, CommentView? Top, IReadOnlyList<CommentView> Replies)> Threads()
    {
        for (var i = 0; i < _comments.Count;)
        {
            var root = ThreadKey.Of(_comments[i]).Root;
            var top = _comments[i].ParentId is null ? _comments[i++] : null;
            var replies = new List<CommentView>();
            while (i < _comments.Count && _comments[i].ParentId == root) replies.Add(_comments[i++]);
            yield return (root, top, replies);
        }
    }
}
