using System.Data.Common;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Data.Providers;
using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Forum.Data;

public static class DataExtensions
{
    public const string SqliteMigrationsAssembly = "Forum.Migrations.Sqlite";

    public static IHostApplicationBuilder AddForumData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForumDataOptions>().BindConfiguration("Forum:Data");
        // Pooled: a context is reset and reused instead of built for every operation (issue 10's profile: 4.7 % of a comment).
        builder.Services.AddPooledDbContextFactory<ForumDbContext>((sp, options) =>
        {
            var data = sp.GetRequiredService<IOptions<ForumDataOptions>>().Value;
            options.AddInterceptors(sp.GetRequiredService<StampChanges>());
            if (data.Provider == DataProvider.Postgres)
            {
                var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(PostgresProvider.ConnectionStringName);
                PostgresProvider.UseForumPostgres(options, PostgresProvider.RequireConnectionString(connectionString));
                return;
            }
            var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            UseForumSqlite(options, data.ResolveConnectionString(contentRoot), data.BackgroundCheckpoints);
        });
        builder.Services.AddSingleton<StampChanges>();
        builder.Services.AddForumServices();
        builder.Services.AddForumKeyStore();
        builder.Services.AddForumRedisBus();
        builder.Services.AddHostedService<SqliteCheckpointer>();
        builder.Services.AddHostedService<SessionSweeper>();
        builder.Services.AddOptions<ForumAdminOptions>().BindConfiguration(ForumAdminOptions.Section);
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateOnStart();
        return builder;
    }

    /// <summary>The feature services and the in-process bus; shared by the app, the tests and the benchmark.</summary>
    public static IServiceCollection AddForumServices(this IServiceCollection services)
    {
        // IdentityDbContext builds its model from this option; every host must match the migrations (passkeys table).
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        services.AddSingleton<TimeProvider>(StoredClock.System);
        services.AddSingleton<INotificationBus, InProcessNotificationBus>();
        services.AddSingleton<IPresence, InProcessPresence>();
        services.AddSingleton<PostService>();
        services.AddSingleton<PostQueries>();
        services.AddSingleton<CommentWriter>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<CommentQueries>();
        services.AddSingleton<CommentEditService>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<ProfileQueries>();
        services.AddSingleton<SessionService>();
        // Bans and mutes: every write door asks the moderation standing (registered here, so the allow-all default yields).
        services.AddForumModeration();
        services.TryAddSingleton<IAccountStanding>(AllowAllStanding.Instance);
        services.AddOptions<ChatOptions>();
        services.AddSingleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>();
        services.AddSingleton<ChatLimiter>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ChatQueries>();
        return services;
    }

    /// <summary>
    /// SQLite with the forum's migrations and pragmas. With <paramref name="backgroundCheckpoints"/> the connections never
    /// checkpoint the WAL themselves: a <see cref="SqliteCheckpointer"/> must run beside them, or the log grows without end.
    /// </summary>
    public static DbContextOptionsBuilder UseForumSqlite(DbContextOptionsBuilder options, string connectionString, bool backgroundCheckpoints = false) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(backgroundCheckpoints ? SqlitePragmas.BackgroundCheckpoints : SqlitePragmas.Instance)
            // Moderated posts are filtered everywhere on purpose; their comments and genres are reached through the post.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>Every connection waits for a busy writer instead of failing, and WAL makes NORMAL sync safe.</summary>
    private sealed class SqlitePragmas(string pragmas) : DbConnectionInterceptor
    {
        private const string Common = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

        public static readonly SqlitePragmas Instance = new(Common);

        /// <summary>No checkpoint inside a commit: <see cref="SqliteCheckpointer"/> does them.</summary>
        public static readonly SqlitePragmas BackgroundCheckpoints = new(Common + " PRAGMA wal_autocheckpoint = 0;");

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }
    }
}
