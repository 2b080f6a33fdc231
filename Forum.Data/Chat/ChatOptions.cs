using Microsoft.Extensions.Options;

namespace Forum.Data.Chat;

/// <summary>Bound from "Forum:Chat" and checked at start-up.</summary>
public sealed class ChatOptions
{
    public const string Section = "Forum:Chat";

    /// <summary>How many messages a member may send per <see cref="WindowSeconds"/> (rooms and private together).</summary>
    public int MessagesPerWindow { get; set; } = 5;

    public int WindowSeconds { get; set; } = 5;

    /// <summary>The same text to the same room or member again within this many seconds is refused.</summary>
    public int DuplicateSeconds { get; set; } = 10;

    /// <summary>Messages per history page (a room's latest, earlier ones, a conversation).</summary>
    public int HistoryPageSize { get; set; } = 50;

    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        MessagesPerWindow < 1 ? "Forum:Chat:MessagesPerWindow must be at least 1."
        : WindowSeconds < 1 ? "Forum:Chat:WindowSeconds must be at least 1."
        : DuplicateSeconds < 0 ? "Forum:Chat:DuplicateSeconds cannot be negative (0 turns the duplicate check off)."
        : HistoryPageSize is < 1 or > MaxPageSize ? $"Forum:Chat:HistoryPageSize must be between 1 and {MaxPageSize}."
        : null;
}

/// <summary>Stops the app at start-up on a bad Forum:Chat value, naming the key.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
