using System.ComponentModel;
using Forum.Data.Moderation;

namespace Forum.App.Features.Api;

/// <summary>The JSON shapes of /api/admin (PROTOCOL.md, reports and moderation).</summary>
public static class AdminShapes
{
    public sealed record ReasonRequest([property: Description("Why: 1 to 500 characters. Required.")] string? Reason);

    public sealed record ResolveRequest(
        [property: Description("dismiss, hide or delete.")] string? Action,
        [property: Description("Why: 1 to 500 characters. Required.")] string? Reason);

    public sealed record BanRequest(
        string? UserName,
        [property: Description("Why: 1 to 500 characters. Required.")] string? Reason,
        [property: Description("How long, in minutes; null bans (or mutes) permanently.")] int? Minutes);

    public sealed record ItemJson(string Author, string AuthorName, string Text, string State, int? PostId, string? Where,
        IReadOnlyList<ContextLine> Around);

    public sealed record CaseJson(long Id, string Kind, string TargetId, string Status, int ReportCount, IReadOnlyList<string> Reasons,
        string? ClaimedBy, DateTime CreatedAt, string? Resolution, ItemJson? Item)
    {
        public static CaseJson From(CaseView c) => new(c.Id, ModerationRules.KindName(c.Kind), c.TargetId, c.Status.ToString().ToLowerInvariant(),
            c.ReportCount, c.Reasons, c.ClaimedBy, c.CreatedAt, c.Resolution, c.Item is { } i
                ? new ItemJson(i.AuthorUserName, i.AuthorName, i.Text, ContentActionsName(i.State), i.PostId, i.Where, i.Around) : null);
    }

    public sealed record AuditJson(long Id, DateTime At, string Moderator, string Action, string Kind, string TargetId, string Reason,
        string? Before, string? After)
    {
        public static AuditJson From(AuditRow a) =>
            new(a.Id, a.CreatedAt, a.ActorName, a.Action, ModerationRules.KindName(a.TargetKind), a.TargetId, a.Reason, a.Before, a.After);
    }

    public sealed record MemberJson(string Id, string UserName, string DisplayName, DateTime JoinedAt, IReadOnlyList<string> Roles,
        string? Ban, string? Mute, DateTimeOffset? LockedOutUntil)
    {
        public static MemberJson From(MemberRow m) =>
            new(m.Id, m.UserName, m.DisplayName, m.CreatedAt, m.Roles, m.Ban?.Describe(), m.Mute?.Describe(), m.LockedOutUntil);
    }

    /// <summary>What happened: <c>changed</c> false when the item was already in that state (the action is idempotent).</summary>
    public sealed record ActionJson(bool Changed);

    public static string ContentActionsName(ModerationState state) => state.ToString().ToLowerInvariant();

    public static CaseAction ParseAction(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "dismiss" => CaseAction.Dismiss,
        "hide" => CaseAction.Hide,
        "delete" => CaseAction.Delete,
        _ => throw Forum.Data.ForumException.Invalid("The action must be dismiss, hide or delete."),
    };
}
