namespace Forum.Data.Users;

/// <summary>
/// Whether a member may write right now. Every write door (chat, comments, posts) asks before it stores anything, so a
/// ban or a mute takes effect everywhere at once. The moderation feature implements it; until then everyone may write.
/// </summary>
public interface IAccountStanding
{
    /// <summary>Returns when <paramref name="userId"/> may write; throws a <see cref="ForumException"/> saying why not.</summary>
    Task EnsureCanWriteAsync(string userId, CancellationToken ct);

    /// <summary>
    /// Which of <paramref name="userIds"/> may not write, and why, read through <paramref name="db"/> so a writer can ask
    /// inside its own transaction for a whole group at once.
    /// </summary>
    async Task<IReadOnlyDictionary<string, ForumException>> RefusalsAsync(ForumDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var refused = new Dictionary<string, ForumException>();
        foreach (var userId in userIds)
        {
            try
            {
                await EnsureCanWriteAsync(userId, ct);
            }
            catch (ForumException why)
            {
                refused[userId] = why;
            }
        }
        return refused;
    }
}

/// <summary>The default standing: no member is banned or muted.</summary>
public sealed class AllowAllStanding : IAccountStanding
{
    public static readonly AllowAllStanding Instance = new();

    public Task EnsureCanWriteAsync(string userId, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, ForumException>> RefusalsAsync(ForumDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ForumException>>(new Dictionary<string, ForumException>());
}
