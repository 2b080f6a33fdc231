namespace Forum.Data.Moderation;

/// <summary>A member as the members page lists them: roles, and any ban, mute or lockout in force.</summary>
public sealed record MemberRow(
    string Id, string UserName, string DisplayName, DateTime CreatedAt, IReadOnlyList<string> Roles,
    RestrictionView? Ban, RestrictionView? Mute, DateTimeOffset? LockedOutUntil);

/// <summary>A ban or mute in force; <see cref="Until"/> null means permanent.</summary>
public sealed record RestrictionView(RestrictionKind Kind, string Reason, DateTime CreatedAt, DateTime? Until)
{
    public string Describe() => $"{(Kind == RestrictionKind.Ban ? "banned" : "muted")} {(Until is { } until ? $"until {until:yyyy-MM-dd HH:mm} UTC" : "permanently")}";
}

public enum MemberSort { UserName, DisplayName, Joined }

public sealed record MemberQuery(string? Search = null, bool RestrictedOnly = false, MemberSort Sort = MemberSort.UserName,
    bool Descending = false, int Skip = 0, int Take = 25);

public sealed record MemberPage(IReadOnlyList<MemberRow> Items, int Total);

public static class RestrictionRules
{
    /// <summary>The longest timed ban or mute: ten years (for longer, ban permanently).</summary>
    public const int MaxMinutes = 10 * 366 * 24 * 60;

    public static TimeSpan? Duration(int? minutes) => minutes switch
    {
        null => null,
        < 1 or > MaxMinutes => throw ForumException.Invalid($"The duration must be between 1 and {MaxMinutes} minutes, or empty for permanent."),
        _ => TimeSpan.FromMinutes(minutes.Value),
    };
}
