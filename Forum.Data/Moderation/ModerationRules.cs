namespace Forum.Data.Moderation;

public static class ModerationRules
{
    public const int ReasonMax = 500;
    public const int ReportTextMax = 500;

    /// <summary>Every moderator action states why; the author reads it in My messages.</summary>
    public static readonly TextRule Reason = new("The reason", ReasonMax);
    public static readonly TextRule ReportText = new("The note", ReportTextMax);

    /// <summary>The reasons a member can pick when reporting, by their wire name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReportReasons = new Dictionary<string, string>
    {
        ["spam"] = "Spam or advertising",
        ["abuse"] = "Harassment or abuse",
        ["spoiler"] = "Unmarked spoilers",
        ["off-topic"] = "Off topic",
        ["other"] = "Something else",
    };

    public static string KindName(ContentKind kind) => kind switch
    {
        ContentKind.Post => "post", ContentKind.Comment => "comment", ContentKind.Chat => "chat", _ => "member",
    };

    public static ContentKind ParseKind(string? kind, bool allowMember = true) => kind?.Trim().ToLowerInvariant() switch
    {
        "post" => ContentKind.Post,
        "comment" => ContentKind.Comment,
        "chat" => ContentKind.Chat,
        "member" when allowMember => ContentKind.Member,
        _ => throw ForumException.Invalid(allowMember
            ? "The kind must be post, comment, chat or member."
            : "The kind must be post, comment or chat."),
    };

    public static string RequireReportReason(string? reason) =>
        reason is not null && ReportReasons.ContainsKey(reason.Trim().ToLowerInvariant()) ? reason.Trim().ToLowerInvariant()
        : throw ForumException.Invalid($"Pick a reason: {string.Join(", ", ReportReasons.Keys)}.");

    /// <summary>The placeholder shown where a moderator removed something.</summary>
    public const string Placeholder = "Removed by a moderator";
}

/// <summary>The moderation actions, as the audit log names them.</summary>
public static class AuditActions
{
    public const string Hide = "hide", Restore = "restore", Delete = "delete", Dismiss = "dismiss", Claim = "claim";
    public const string Ban = "ban", Unban = "unban", Mute = "mute", Unmute = "unmute", ClearLockout = "clear-lockout";
    public const string Promote = "promote", Demote = "demote";
}
