using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Data.Seeding;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>
/// A private database (a SQLite file, or a database on the run's PostgreSQL cluster), migrated by the app's own
/// start-up path (real migrations, WAL and the app's pragmas on SQLite), with the real services wired to a
/// <see cref="RecordingBus"/> and a <see cref="ManualClock"/>. One per test; deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestStore _store;

    private TestDatabase(TestStore store, Action<IServiceCollection>? configure)
    {
        _store = store;
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ForumDataOptions>(o => (o.Provider, o.SeedDemoData) = (store.Provider, false));
        services.AddDbContextFactory<ForumDbContext>(o => store.Configure(o));
        services.AddForumServices();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<INotificationBus>(Bus);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public DataProvider Provider => _store.Provider;
    public ManualClock Clock { get; } = new();
    public RecordingBus Bus { get; } = new();
    /// <summary>Every feature service, as the app wires them (components resolve what they need from here).</summary>
    public IServiceProvider Services => _services;
    public IDbContextFactory<ForumDbContext> Factory => _services.GetRequiredService<IDbContextFactory<ForumDbContext>>();
    public CommentService Comments => _services.GetRequiredService<CommentService>();
    public CommentQueries CommentQueries => _services.GetRequiredService<CommentQueries>();
    public CommentEditService CommentEdits => _services.GetRequiredService<CommentEditService>();
    public MessageService Messages => _services.GetRequiredService<MessageService>();
    public PostService Posts => _services.GetRequiredService<PostService>();
    public PostQueries PostQueries => _services.GetRequiredService<PostQueries>();
    public ProfileQueries Profiles => _services.GetRequiredService<ProfileQueries>();
    public IPresence Presence => _services.GetRequiredService<IPresence>();
    public ChatService Chat => _services.GetRequiredService<ChatService>();
    public ChatQueries ChatQueries => _services.GetRequiredService<ChatQueries>();

    /// <param name="beforeStart">Runs on the empty file's connection string before the app's start-up path (to plant a leftover, say).</param>
    /// <param name="configure">Changes to the app's wiring for this test (options, a stand-in service), applied last.</param>
    /// <param name="provider">Which engine: every service test runs on SQLite, the core ones on PostgreSQL as well.</param>
    public static async Task<TestDatabase> CreateAsync(CancellationToken ct = default, Func<string, Task>? beforeStart = null,
        Action<IServiceCollection>? configure = null, DataProvider provider = DataProvider.Sqlite)
    {
        var db = new TestDatabase(await TestStore.CreateAsync(provider), configure);
        try
        {
            if (beforeStart is not null) await beforeStart(db._store.ConnectionString);
            await db._services.PrepareForumDatabaseAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync(); // xunit does not dispose a test whose set-up failed
            throw;
        }
    }

    /// <summary>A member, added with plain EF (no UserManager: these tests never sign in).</summary>
    public async Task<string> AddUserAsync(string displayName)
    {
        var name = $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}";
        var user = new ForumUser
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@forum.test",
            NormalizedEmail = $"{name}@forum.test".ToUpperInvariant(), DisplayName = displayName,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await Factory.CreateDbContextAsync(Ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    public Task<string> UserNameAsync(string userId) =>
        QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync(Ct));

    /// <summary>A post inserted directly, so comment and message tests do not depend on <see cref="PostService"/>.</summary>
    public async Task<int> AddPostAsync(string authorId, string title = "Heat", params string[] genres)
    {
        if (genres.Length == 0) genres = ["Crime"];
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var post = new Post
        {
            AuthorId = authorId, Title = title, Year = 1995, Body = $"About {title}.", Synopsis = $"About {title}.",
            GenreList = string.Join(", ", genres), Genres = [.. genres.Select(g => new PostGenre { Genre = g })],
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context: what another request would see.</summary>
    public async Task<T> QueryAsync<T>(Func<ForumDbContext, Task<T>> query)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        return await query(db);
    }

    /// <summary>The stored unread counter (0 when the member has no counter row yet).</summary>
    public Task<int> CounterAsync(string userId) =>
        QueryAsync(db => db.UserCounters.Where(c => c.UserId == userId).Select(c => c.Unread).FirstOrDefaultAsync(Ct));

    public Task<int> UnreadRowsAsync(string userId) =>
        QueryAsync(db => db.Notifications.CountAsync(n => n.RecipientId == userId && !n.IsRead, Ct));

    public Task<List<Notification>> NotificationsAsync() =>
        QueryAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(Ct));

    /// <summary>Everything a rejected write could have touched, for "nothing changed" checks.</summary>
    public Task<Snapshot> SnapshotAsync() => QueryAsync(async db => new Snapshot(
        await db.Posts.CountAsync(Ct), await db.PostGenres.CountAsync(Ct), await db.Comments.CountAsync(Ct),
        await db.Notifications.CountAsync(Ct), await db.UserCounters.SumAsync(c => (long)c.Unread + c.Version, Ct),
        await db.Posts.SumAsync(p => p.CommentCount, Ct)));

    /// <summary>
    /// Takes the database's write lock from a separate connection (as another request would) until disposed, so a test
    /// can line writers up behind it and then let them race for real.
    /// </summary>
    public Task<IAsyncDisposable> HoldWriteLockAsync() => _store.HoldWriteLockAsync(Ct);

    /// <summary>The running test's token: helpers stop with the test instead of taking a token each.</summary>
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    public sealed record Snapshot(int Posts, int PostGenres, int Comments, int Notifications, long Counters, int CommentCounts);
}
