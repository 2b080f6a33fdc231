using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>The reports queue for moderators: open cases, most reported first, each with its item in context.</summary>
public sealed class CaseQueries(IDbContextFactory<ForumDbContext> dbFactory)
{
    public async Task<CasePage> ListAsync(string? actorId, CaseQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Moderator.RequireAsync(db, actorId, ct);
        var cases = db.ModerationCases.AsNoTracking().Where(c => !query.OpenOnly || c.Status == CaseStatus.Open);
        var total = await cases.CountAsync(ct);
        if (query.AfterId is { } after) cases = cases.Where(c => c.Id > after);
        var ordered = query.ById ? cases.OrderBy(c => c.Id) : cases.OrderBy(c => c.Status).ThenByDescending(c => c.ReportCount).ThenBy(c => c.Id);
        var rows = await ordered.Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, 200)).Select(Row).ToListAsync(ct);
        var items = new List<CaseView>();
        foreach (var row in rows) items.Add(await ViewAsync(db, row, ct));
        return new CasePage(items, total);
    }

    public async Task<CaseView?> GetAsync(string? actorId, long caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Moderator.RequireAsync(db, actorId, ct);
        var row = await db.ModerationCases.AsNoTracking().Where(c => c.Id == caseId).Select(Row).FirstOrDefaultAsync(ct);
        return row is null ? null : await ViewAsync(db, row, ct);
    }

    /// <summary>A case as stored, with its reports oldest first (each as a note, its text empty when none was written).</summary>
    private sealed record CaseRow(long Id, ContentKind Kind, string TargetId, CaseStatus Status, int ReportCount, string? Holder,
        DateTime CreatedAt, string? Resolution, List<ReportNote> Reports);

    private static readonly Expression<Func<ModerationCase, CaseRow>> Row = c => new CaseRow(
        c.Id, c.Kind, c.TargetId, c.Status, c.ReportCount, c.ClaimedBy!.UserName, c.CreatedAt, c.Resolution,
        c.Reports.OrderBy(r => r.Id).Select(r => new ReportNote(r.Reporter!.DisplayName, r.Reporter.UserName ?? "", r.Reason, r.Text ?? "")).ToList());

    private static async Task<CaseView> ViewAsync(ForumDbContext db, CaseRow c, CancellationToken ct) =>
        new(c.Id, c.Kind, c.TargetId, c.Status, c.ReportCount, [.. c.Reports.Select(r => r.Reason).Distinct()], c.Holder, c.CreatedAt,
            c.Resolution, await ItemAsync(db, c.Kind, c.TargetId, ct), [.. c.Reports.Where(r => r.Text.Length > 0)]);

    /// <summary>The item with two neighbours each side: the comments around a comment, the chat lines around a message.</summary>
    private static async Task<CaseItem?> ItemAsync(ForumDbContext db, ContentKind kind, string targetId, CancellationToken ct)
    {
        switch (kind)
        {
            case ContentKind.Post:
                var postId = int.Parse(targetId);
                var post = await db.Posts.IgnoreQueryFilters().Where(p => p.Id == postId)
                    .Select(p => new { p.Author!.DisplayName, p.Author.UserName, p.Title, p.Synopsis, p.Moderation, p.Id }).FirstOrDefaultAsync(ct);
                return post is null ? null : new CaseItem(post.DisplayName, post.UserName ?? "", post.Synopsis, post.Moderation, post.Id, post.Title, []);
            case ContentKind.Comment:
                var id = int.Parse(targetId);
                var comment = await db.Comments.Where(c => c.Id == id).Select(c => new
                {
                    c.Author!.DisplayName, c.Author.UserName, c.Body, c.Moderation, c.PostId,
                    Title = db.Posts.IgnoreQueryFilters().Where(p => p.Id == c.PostId).Select(p => p.Title).FirstOrDefault(),
                }).FirstOrDefaultAsync(ct);
                if (comment is null) return null;
                var around = await db.Comments.Where(c => c.PostId == comment.PostId && c.Id >= id - 50 && c.Id <= id + 50)
                    .Select(c => new { c.Id, c.Author!.DisplayName, c.Body, c.Moderation }).OrderBy(c => c.Id).ToListAsync(ct);
                return new CaseItem(comment.DisplayName, comment.UserName ?? "", comment.Body, comment.Moderation, comment.PostId, comment.Title,
                    Neighbours(around.Select(c => ((long)c.Id, c.DisplayName, c.Moderation == ModerationState.Visible ? c.Body : ModerationRules.Placeholder)), id));
            case ContentKind.Chat:
                var messageId = long.Parse(targetId);
                var message = await db.ChatMessages.Where(m => m.Id == messageId)
                    .Select(m => new { m.Sender!.DisplayName, m.Sender.UserName, Text = m.HeldText ?? m.Text, m.Moderation, m.Room, m.ConversationId })
                    .FirstOrDefaultAsync(ct);
                if (message is null) return null;
                var lines = await db.ChatMessages
                    .Where(m => m.Room == message.Room && m.ConversationId == message.ConversationId && m.Id >= messageId - 200 && m.Id <= messageId + 200)
                    .OrderBy(m => m.Id).Select(m => new { m.Id, m.Sender!.DisplayName, m.Text }).ToListAsync(ct);
                return new CaseItem(message.DisplayName, message.UserName ?? "", message.Text, message.Moderation, null,
                    message.Room is { } room ? $"chat room {room}" : "a private conversation",
                    Neighbours(lines.Select(m => (m.Id, m.DisplayName, m.Text)), messageId));
            default:
                var member = await db.Users.Where(u => u.Id == targetId).Select(u => new { u.DisplayName, u.UserName }).FirstOrDefaultAsync(ct);
                return member is null ? null : new CaseItem(member.DisplayName, member.UserName ?? "", "", ModerationState.Visible, null, null, []);
        }
    }

    private static List<ContextLine> Neighbours(IEnumerable<(long Id, string Author, string Text)> lines, long id)
    {
        var all = lines.ToList();
        var at = all.FindIndex(l => l.Id == id);
        if (at < 0) return [];
        return [.. all.Skip(Math.Max(at - 2, 0)).Take(at - Math.Max(at - 2, 0) + 3).Select(l => new ContextLine(l.Author, l.Text, l.Id == id))];
    }
}
