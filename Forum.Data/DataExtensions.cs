using System.Data.Common;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Forum.Data.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        builder.Services.AddDbContextFactory<ForumDbContext>((sp, options) =>
        {
            var data = sp.GetRequiredService<IOptions<ForumDataOptions>>().Value;
            var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            UseForumSqlite(options, data.ResolveConnectionString(contentRoot));
        });
        builder.Services.AddForumServices();
        builder.Services.AddOptions<ForumAdminOptions>().BindConfiguration(ForumAdminOptions.Section);
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateOnStart();
        return builder;
    }

    /// <summary>The feature services and the in-process bus; shared by the app, the tests and the benchmark.</summary>
    public static IServiceCollection AddForumServices(this IServiceCollection services)
    {
        // IdentityDbContext builds its model from this option; every host must match the migrations (passkeys table).
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationBus, InProcessNotificationBus>();
        services.AddSingleton<IPresence, InProcessPresence>();
        services.AddSingleton<PostService>();
        services.AddSingleton<PostQueries>();
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

    public static DbContextOptionsBuilder UseForumSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(SqlitePragmas.Instance)
            // Moderated posts are filtered everywhere on purpose; their comments and genres are reached through the post.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    /// <summary>Every connection waits for a busy writer instead of failing, and WAL makes NORMAL sync safe.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}
