namespace Forum.Data.Comments;

/// <summary>
/// A comment's place in a thread's reading order: every top-level comment followed by its replies, oldest first.
/// Replies always answer a top-level comment (one level), so the key is (that comment's id, own id).
/// </summary>
public readonly record struct ThreadKey(int Root, int Id) : IComparable<ThreadKey>
{
    public static ThreadKey Of(CommentView comment) => new(comment.ParentId ?? comment.Id, comment.Id);

    public int CompareTo(ThreadKey other) => Root != other.Root ? Root.CompareTo(other.Root) : Id.CompareTo(other.Id);

    public static bool operator <(ThreadKey a, ThreadKey b) => a.CompareTo(b) < 0;
    public static bool operator >(ThreadKey a, ThreadKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(ThreadKey a, ThreadKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ThreadKey a, ThreadKey b) => a.CompareTo(b) >= 0;
}

/// <summary>A run of a post's comments in reading order, and how many of its comments come before and after the run.</summary>
public sealed record ThreadWindow(IReadOnlyList<CommentView> Comments, int Before, int After)
{
    public static readonly ThreadWindow Empty = new([], 0, 0);

    public int Total => Before + Comments.Count + After;
}
