namespace Forum.Data.Users;

/// <summary>
/// Whether a member may write right now. Every write door (chat, comments, posts) asks before it stores anything, so a
/// ban or a mute takes effect everywhere at once. The moderation feature implements it; until then everyone may write.
/// </summary>
public interface IAccountStanding
{
    /// <summary>Returns when <paramref name="userId"/> may write; throws a <see cref="ForumException"/> saying why not.</summary>
    Task EnsureCanWriteAsync(string userId, CancellationToken ct);
}

/// <summary>The default standing: no member is banned or muted.</summary>
public sealed class AllowAllStanding : IAccountStanding
{
    public static readonly AllowAllStanding Instance = new();

    public Task EnsureCanWriteAsync(string userId, CancellationToken ct) => Task.CompletedTask;
}
