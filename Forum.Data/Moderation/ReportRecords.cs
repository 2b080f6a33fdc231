namespace Forum.Data.Moderation;

/// <summary>
/// A member's report: <see cref="Kind"/> post, comment, chat or member; <see cref="Id"/> the item's id (a user name for a member);
/// <see cref="RequestId"/> the client's id for the write: a retry with it answers the first report's case and stores nothing new.
/// </summary>
public sealed record NewReport(string Kind, string Id, string Reason, string? Text = null, Guid? RequestId = null);

/// <summary>One open item in the queue: what it is, a preview of it, how many reported it and why, and who holds it.</summary>
public sealed record CaseView(
    long Id, ContentKind Kind, string TargetId, CaseStatus Status, int ReportCount, IReadOnlyList<string> Reasons,
    string? ClaimedBy, DateTime CreatedAt, string? Resolution, CaseItem? Item, IReadOnlyList<ReportNote> Notes);

/// <summary>What one reporter wrote with their report (member text: shown as text), and who they are.</summary>
public sealed record ReportNote(string ReporterName, string ReporterUserName, string Reason, string Text);

/// <summary>
/// The reported item in context: its author, its text (empty when removed), where it is (a post or a room) and
/// neighbouring lines (the comments or chat lines around it).
/// </summary>
public sealed record CaseItem(string AuthorName, string AuthorUserName, string Text, ModerationState State, int? PostId,
    string? Where, IReadOnlyList<ContextLine> Around);

public sealed record ContextLine(string AuthorName, string Text, bool IsReported);

/// <summary>What a moderator did with a case.</summary>
public enum CaseAction { Dismiss, Hide, Delete }

/// <summary>
/// Which cases to list. The admin grid pages by <see cref="Skip"/> in the queue's order (open first, most reported first);
/// <see cref="ById"/> lists by case id instead (oldest first), a stable order the API pages with a keyset
/// (<see cref="AfterId"/>: only cases after it), so new reports between two page reads neither repeat nor skip a case.
/// </summary>
public sealed record CaseQuery(bool OpenOnly = true, int Skip = 0, int Take = 25, bool ById = false, long? AfterId = null);

public sealed record CasePage(IReadOnlyList<CaseView> Items, int Total);
