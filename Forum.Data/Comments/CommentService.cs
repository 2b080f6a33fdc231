using Forum.Data.Messages;

namespace Forum.Data.Comments;

/// <summary>
/// Adds comments and replies: checks the text, then hands the comment to the node's <see cref="CommentWriter"/>, which
/// checks the member (signed in, not banned or muted), the post and the parent inside its transaction, commits the comment
/// with its notifications and unread counters, and then publishes.
/// </summary>
public sealed class CommentService(CommentWriter writer)
{
    public async Task<CommentView> AddAsync(string? userId, NewComment input, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to comment.");
        var body = CommentRules.Body.Require(input.Body);
        return await writer.WriteAsync(new PendingComment(userId, input, body, ct));
    }

    /// <summary>Who hears of a comment: the author answered (as a reply) and the post's author, each once, never the writer.</summary>
    internal static IEnumerable<(string Recipient, NotificationKind Kind)> Recipients(string writerId, string postAuthorId, string? answeredAuthorId)
    {
        if (answeredAuthorId is not null && answeredAuthorId != writerId)
            yield return (answeredAuthorId, NotificationKind.ReplyToComment);
        if (postAuthorId != writerId && postAuthorId != answeredAuthorId)
            yield return (postAuthorId, NotificationKind.CommentOnPost);
    }
}
