using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Seeding;

/// <summary>Demo members, movies and conversations, written through the real services so counters are right.</summary>
public static class DemoSeeder
{
    public const string Password = "Demo-pass-1";
    private static readonly TimeSpan PostGap = TimeSpan.FromHours(19), CommentGap = TimeSpan.FromMinutes(37), ReplyGap = TimeSpan.FromMinutes(11);

    public static readonly (string UserName, string DisplayName)[] Members =
    [
        ("alice", "Alice Moreau"), ("bob", "Bob Chen"), ("carol", "Carol Díaz"),
        ("dave", "Dave Okafor"), ("erin", "Erin Walsh"), ("frank", "Frank Ito"),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ForumDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
            if (await db.Users.AnyAsync(ct)) return;

        // The newest conversation ends a couple of hours ago, so the demo shows fresh and old times side by side.
        var span = DemoMovies.All.Sum(m => PostGap.Ticks + DemoTalk.For(m.Title).Sum(c => (CommentGap + c.Replies.Length * ReplyGap).Ticks));
        var clock = new SeedClock(DateTimeOffset.UtcNow - TimeSpan.FromTicks(span) - TimeSpan.FromHours(2));
        var users = services.GetRequiredService<UserManager<ForumUser>>();
        var ids = new List<string>();
        foreach (var (name, display) in Members)
        {
            var user = new ForumUser { UserName = name, Email = $"{name}@forum.local", EmailConfirmed = true, DisplayName = display, CreatedAt = clock.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            ids.Add(user.Id);
        }

        await SeedStaffAsync(factory, users, clock.GetUtcNow().UtcDateTime, ct);

        var bus = new InProcessNotificationBus(Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessNotificationBus>.Instance);
        var posts = new PostService(factory, bus, AllowAllStanding.Instance, clock);
        await using var commentWriter = new CommentWriter(factory, bus, new InProcessPresence(bus), AllowAllStanding.Instance, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<CommentWriter>.Instance);
        var comments = new CommentService(commentWriter);
        for (var i = 0; i < DemoMovies.All.Count; i++)
        {
            var movie = DemoMovies.All[i];
            clock.Step(PostGap);
            var postId = await posts.CreateAsync(ids[i % ids.Count], new NewPost(movie.Title, movie.Year, movie.Genres, movie.Body), ct);
            var talk = DemoTalk.For(movie.Title);
            for (var c = 0; c < talk.Count; c++)
            {
                clock.Step(CommentGap);
                var writer = (i + c + 1) % ids.Count;
                var top = await comments.AddAsync(ids[writer], new NewComment(postId, talk[c].Body), ct);
                for (var r = 0; r < talk[c].Replies.Length; r++)
                {
                    clock.Step(ReplyGap);
                    var replier = (writer + 2 + r) % ids.Count;
                    await comments.AddAsync(ids[replier], new NewComment(postId, talk[c].Replies[r], top.Id), ct);
                }
            }
        }

        // Older messages read, the newest few unread, so each member's message center shows both states.
        var messages = new MessageService(factory, bus);
        foreach (var id in ids)
        {
            var page = await messages.GetPageAsync(id, take: MessageService.MaxPageSize, ct: ct);
            foreach (var item in page.Items.Skip(4)) await messages.MarkReadAsync(id, item.Id, ct);
        }
        logger.LogInformation("Seeded {Members} demo members and {Movies} movies", ids.Count, DemoMovies.All.Count);
    }

    /// <summary>The demo moderator and admin (README lists them), with the demo password.</summary>
    public static readonly (string UserName, string DisplayName, string Role)[] Staff =
        [("mod", "Mo Moderator", Moderation.ForumRoles.Moderator), ("admin", "Ada Admin", Moderation.ForumRoles.Admin)];

    private static async Task SeedStaffAsync(IDbContextFactory<ForumDbContext> factory, UserManager<ForumUser> users, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await Moderation.ForumRoles.EnsureAsync(db, ct);
        foreach (var (name, display, role) in Staff)
        {
            var user = new ForumUser { UserName = name, Email = $"{name}@forum.local", EmailConfirmed = true, DisplayName = display, CreatedAt = now };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await Moderation.ForumRoles.AddAsync(db, user.Id, role, ct);
        }
    }

    private sealed class SeedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Step(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
