using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Posts;
using Forum.Data.Seeding;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Bench.Circuits.Server;

/// <summary>The load's members: user names (all with one password) and the id of a post each one wrote.</summary>
public sealed record LoadAccounts(IReadOnlyList<(string UserName, int PostId)> Members, string Password, int? ThreadPostId, int ThreadComments,
    int? ThreadLastCommentId = null);

/// <summary>
/// Fills a fresh forum database before the server starts, through Forum.Data itself: the app's migrations and demo
/// seed (the same PrepareForumDatabaseAsync the app runs), then N members made with UserManager, a post of each,
/// and one thread of exactly the asked number of comments (the demo's talk). No test door in the app is needed.
/// </summary>
public static class ForumLoadData
{
    public const string Password = "Load-pass-1";

    public static async Task<LoadAccounts> SeedAsync(string dataDir, int members, int threadComments, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        await using var sp = Services(dataDir, clock: null);
        await sp.PrepareForumDatabaseAsync(ct);

        // Load posts and comments are dated before the demo data, so "/" shows the same newest movies as a fresh install.
        // The services come from DI (a provider whose clock is fixed), so their constructors may change freely.
        await using var dated = Services(dataDir, new FixedClock(DateTimeOffset.UtcNow.AddDays(-60)));
        var clock = dated.GetRequiredService<TimeProvider>();
        var posts = dated.GetRequiredService<PostService>();
        var comments = dated.GetRequiredService<CommentService>();
        // One PBKDF2 hash for all: hashing 10,000 passwords would take minutes; the server still verifies each login.
        var hash = new PasswordHasher<ForumUser>().HashPassword(new ForumUser(), Password);
        var list = new List<(string, int)>();
        var ids = new List<string>();
        for (var start = 0; start < members; start += 250)
        {
            await using var scope = dated.CreateAsyncScope(); // a fresh DbContext per batch keeps change tracking small
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            for (var i = start; i < Math.Min(members, start + 250); i++)
            {
                var name = $"load{i:D5}";
                var user = new ForumUser
                {
                    UserName = name, Email = $"{name}@load.local", EmailConfirmed = true, DisplayName = $"Load member {i}",
                    CreatedAt = clock.GetUtcNow().UtcDateTime, PasswordHash = hash,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                ids.Add(user.Id);
                var postId = await posts.CreateAsync(user.Id, new NewPost($"Load test movie {i}", 2000 + i % 25, ["Drama"],
                    "A post written by a load-test member, so that comments on it raise that member's badge."), ct);
                list.Add((name, postId));
            }
        }

        int? threadId = null, lastId = null;
        var threadTotal = 0;
        if (threadComments > 0 && ids.Count > 0)
        {
            // A post of its own, so a thread of 3 comments is as possible as one of 1,000.
            threadId = await posts.CreateAsync(ids[0], new NewPost("Load test thread", 1999, ["Drama"],
                "The thread load-test tabs read, with as many comments as the run asks for."), ct);
            // Real sentences of the demo's talk, so cards have realistic lengths.
            var lines = DemoTalk.ByTitle.Values.SelectMany(t => t).Select(c => c.Body).ToList();
            int? lastTop = null;
            for (var c = 0; threadTotal < threadComments; c++, threadTotal++)
            {
                // Every third one a reply, as in a real discussion (replies render under their comment).
                var reply = c % 3 == 2 && lastTop is not null;
                var added = await comments.AddAsync(ids[c % ids.Count], new NewComment(threadId.Value, lines[c % lines.Count], reply ? lastTop : null), ct);
                if (!reply) lastTop = added.Id;
                lastId = added.Id;
            }
        }
        return new LoadAccounts(list, Password, threadId, threadTotal, lastId);
    }

    /// <summary>Forum.Data as the app registers it, on the load's database, with <paramref name="clock"/> when given.</summary>
    private static ServiceProvider Services(string dataDir, TimeProvider? clock)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<ForumDataOptions>().Configure(o => o.Directory = dataDir);
        services.AddDbContextFactory<ForumDbContext>(o => DataExtensions.UseForumSqlite(o, $"Data Source={Path.Combine(dataDir, "forum.db")}"));
        services.AddForumServices();
        if (clock is not null) services.AddSingleton(clock); // registered last, so it is the one resolved
        services.AddIdentityCore<ForumUser>(o => o.User.RequireUniqueEmail = true).AddEntityFrameworkStores<ForumDbContext>();
        return services.BuildServiceProvider();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
