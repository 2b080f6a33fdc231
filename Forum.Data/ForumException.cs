namespace Forum.Data;

public enum ForumErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    SignInRequired,
    /// <summary>The request is valid but the item's state says no (others have joined in, the edit window closed).</summary>
    Conflict,
    /// <summary>Too many requests in a short time (a flood rule); <see cref="ForumException.RetryAfter"/> says when to try again.</summary>
    RateLimited,
    /// <summary>The node cannot take the write now (it is shutting down); the same request may succeed in a moment.</summary>
    Unavailable,
}

/// <summary>A rule said no. The message is written for the member and is safe to show as is.</summary>
public sealed class ForumException(ForumErrorKind kind, string message) : Exception(message)
{
    public ForumErrorKind Kind { get; } = kind;

    /// <summary>For <see cref="ForumErrorKind.RateLimited"/> and <see cref="ForumErrorKind.Unavailable"/>: when to try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ForumException Invalid(string message) => new(ForumErrorKind.Invalid, message);
    public static ForumException NotFound(string message) => new(ForumErrorKind.NotFound, message);
    public static ForumException Forbidden(string message) => new(ForumErrorKind.Forbidden, message);
    public static ForumException SignInRequired(string message) => new(ForumErrorKind.SignInRequired, message);
    public static ForumException Conflict(string message) => new(ForumErrorKind.Conflict, message);
    public static ForumException RateLimited(string message, TimeSpan retryAfter) => new(ForumErrorKind.RateLimited, message) { RetryAfter = retryAfter };
    public static ForumException Unavailable(string message, TimeSpan retryAfter) => new(ForumErrorKind.Unavailable, message) { RetryAfter = retryAfter };
}
