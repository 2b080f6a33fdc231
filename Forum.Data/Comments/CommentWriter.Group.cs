using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Comments;

public sealed partial class CommentWriter
{
    private sealed record Author(string Id, string DisplayName, string? UserName);
    private sealed record PostFacts(int Id, string AuthorId, string Title);
    private sealed record ParentFacts(int Id, int PostId, int? ParentId, string AuthorId);
    private sealed record StoredRequest(string AuthorId, Guid? RequestId);

    /// <summary>A comment of the group that passed its checks: its row, its notifications, and what is published of it.</summary>
    private sealed class Accepted(PendingComment item, Comment row, Author author, string postTitle)
    {
        public PendingComment Item => item;
        public Comment Row => row;
        public string PostTitle => postTitle;
        public List<Notification> Notifications { get; } = [];
        /// <summary>What the caller gets and the thread is told; read once the commit has given the row its id.</summary>
        public CommentView View => view ??= new(row.Id, row.PostId, row.ParentId, row.AuthorId, author.DisplayName, author.UserName ?? "", row.Body, row.CreatedAt);
        private CommentView? view;
    }

    private async Task WriteGroupAsync(List<PendingComment> group)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accepted = new List<Accepted>();
        var sameRequest = new List<(PendingComment Item, Accepted First)>();
        var states = new List<UnreadChanged>();
        // Who reads each thread now (their notifications arrive read), asked before the transaction takes the write lock.
        var readers = new Dictionary<int, IReadOnlySet<string>>();
        foreach (var postId in group.Select(c => c.Input.PostId).Distinct()) readers[postId] = await presence.MembersPresentAsync(Places.Post(postId));
        await using var db = await dbFactory.CreateDbContextAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            // What every check needs, for the whole group at once, read inside the write transaction so it cannot go stale.
            var userIds = group.Select(c => c.UserId).Distinct().ToList();
            var authors = await AuthorsAsync(db, userIds);
            var refused = await standing.RefusalsAsync(db, userIds, CancellationToken.None);
            var posts = await PostsAsync(db, group.Select(c => c.Input.PostId).Distinct().ToList());
            var parents = await ParentsAsync(db, group.Where(c => c.Input.ParentId != null).Select(c => c.Input.ParentId!.Value).Distinct().ToList());
            var stored = await StoredAsync(db, userIds, group.Where(c => c.Input.RequestId != null).Select(c => c.Input.RequestId).Distinct().ToList());

            foreach (var item in group)
            {
                var (userId, input) = (item.UserId, item.Input);
                if (input.RequestId is { } requestId)
                {
                    // A double submit: the first answer again, nothing written twice.
                    if (stored.Contains(new StoredRequest(userId, requestId)))
                    {
                        item.Done.TrySetResult((await FindRepeatAsync(db, userId, requestId))!);
                        continue;
                    }
                    if (accepted.Find(a => a.Item.UserId == userId && a.Item.Input.RequestId == requestId) is { } first)
                    {
                        sameRequest.Add((item, first));
                        continue;
                    }
                }
                if ((refused.GetValueOrDefault(userId) ?? Check(item, authors, posts, parents)) is { } refusal)
                {
                    item.Done.TrySetException(refusal);
                    continue;
                }
                var post = posts[input.PostId];
                var parent = input.ParentId is { } parentId ? parents[parentId] : null;
                var row = new Comment
                {
                    // Replies are one level deep: answering a reply joins its thread and still notifies its author.
                    PostId = input.PostId, AuthorId = userId, ParentId = parent is null ? null : parent.ParentId ?? parent.Id,
                    Body = item.Body, CreatedAt = now, RequestId = input.RequestId,
                };
                var added = new Accepted(item, row, authors[userId], post.Title);
                foreach (var (recipient, kind) in CommentService.Recipients(userId, post.AuthorId, parent?.AuthorId))
                {
                    // What arrives in the thread the member is reading right now is read: no badge bump, no unread row.
                    var reading = readers[input.PostId].Contains(recipient);
                    var note = new Notification
                    {
                        RecipientId = recipient, ActorId = userId, Kind = kind, PostId = input.PostId,
                        PostAuthorId = post.AuthorId, CreatedAt = now, IsRead = reading,
                    };
                    added.Notifications.Add(note);
                }
                accepted.Add(added);
            }
            if (accepted.Count == 0) return;

            await InsertAsync(db, accepted);
            // One counter statement for the members and one for the posts, however many comments the group holds.
            states.AddRange(await UnreadCounters.RaiseAsync(db, accepted.SelectMany(a => a.Notifications).GroupBy(n => n.RecipientId)
                .Select(r => (r.Key, r.Count(n => !n.IsRead))), CancellationToken.None));
            await CountCommentsAsync(db, accepted.GroupBy(a => a.Row.PostId).Select(p => (p.Key, p.Count())));
            await tx.CommitAsync();
        }
        Interlocked.Increment(ref groups);
        Interlocked.Add(ref comments, accepted.Count);

        // Committed: from here on nothing may fail the callers or write again.
        try
        {
            await PublishAsync(accepted, states);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Publishing {Count} committed comments failed", accepted.Count);
        }
        foreach (var added in accepted) added.Item.Done.TrySetResult(added.View);
        foreach (var (item, first) in sameRequest) item.Done.TrySetResult(first.View);
    }

    private static ForumException? Check(PendingComment item, Dictionary<string, Author> authors, Dictionary<int, PostFacts> posts, Dictionary<int, ParentFacts> parents)
    {
        if (!authors.ContainsKey(item.UserId)) return ForumException.SignInRequired("Your account no longer exists; sign in again.");
        if (!posts.ContainsKey(item.Input.PostId)) return ForumException.NotFound("That post does not exist (it may have been removed).");
        if (item.Input.ParentId is not { } parentId) return null;
        if (!parents.TryGetValue(parentId, out var parent)) return ForumException.NotFound("The comment you are replying to no longer exists.");
        return parent.PostId == item.Input.PostId ? null : ForumException.Invalid("You can only reply to a comment on the same post.");
    }

    /// <summary>Each post's comment count up by its comments of the group, in one statement, posts in a fixed order.</summary>
    private static Task CountCommentsAsync(ForumDbContext db, IEnumerable<(int PostId, int Added)> counts)
    {
        var rows = counts.OrderBy(c => c.PostId).ToList();
        var cases = string.Join(" ", rows.Select((_, i) => $"WHEN {RawSql.P(2 * i)} THEN {RawSql.P(2 * i + 1)}"));
        var ids = string.Join(", ", rows.Select((_, i) => RawSql.P(2 * i)));
        var parameters = rows.SelectMany(r => new object[] { r.PostId, r.Added }).ToArray();
        var sql = $"""UPDATE "Posts" SET "CommentCount" = "CommentCount" + CASE "Id" {cases} ELSE 0 END WHERE "Id" IN ({ids})""";
        return RawSql.ExecuteAsync(db, sql, parameters, CancellationToken.None);
    }

    private async Task PublishAsync(List<Accepted> accepted, List<UnreadChanged> states)
    {
        foreach (var added in accepted)
        {
            var view = added.View;
            await bus.PublishAsync(Topics.Post(view.PostId), new CommentAdded(view));
            foreach (var row in added.Notifications)
            {
                // Built from what this write already holds (no query): the same record the message center's page reads.
                var item = new MessageItem(row.Id, row.Kind, view.AuthorName, view.AuthorUserName, view.PostId, added.PostTitle, view.Id,
                    MessageService.ExcerptOf(view.Body), view.CreatedAt, row.IsRead);
                await bus.PublishAsync(Topics.User(row.RecipientId), new NotificationAdded(row.RecipientId, item));
            }
        }
        // Each member's count once, after all its messages of the group: the server's count after the commit.
        foreach (var state in states) await bus.PublishAsync(Topics.User(state.UserId), state);
    }
}
