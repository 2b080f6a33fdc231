using Forum.Data;
using Forum.Data.Providers;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Seeding;

/// <summary>
/// Each provider has its own migration set (Migrations/Sqlite, Migrations/Postgres). A model change without a
/// migration in either fails here, before any database would meet it. No server is needed: EF compares the set's
/// snapshot with the model the app builds (Identity schema version included).
/// </summary>
public sealed class MigrationSetsTests
{
    public static TheoryData<DataProvider> Providers => [DataProvider.Sqlite, DataProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_OnEachProvider_HasAMigrationForEveryChange(DataProvider provider)
    {
        using var db = Context(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration. Add one with: {AddCommand(provider)}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_WithAColumnNoMigrationAdds_IsReportedAsPending(DataProvider provider)
    {
        using var db = Context(provider, changeModel: true);

        Assert.True(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Models_OnlyPostgresKeepsDataProtectionKeys()
    {
        using var sqlite = Context(DataProvider.Sqlite);
        using var postgres = Context(DataProvider.Postgres);

        Assert.Null(sqlite.Model.FindEntityType(typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)));
        Assert.Equal("DataProtectionKeys",
            postgres.Model.FindEntityType(typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))?.GetTableName());
    }

    /// <summary>The commands README gives; the Postgres one points the design-time host at the provider (no server needed).</summary>
    private static string AddCommand(DataProvider provider) => provider == DataProvider.Sqlite
        ? "dotnet ef migrations add NAME --project Migrations/Sqlite --startup-project Forum.App"
        : "Forum__Data__Provider=Postgres ConnectionStrings__Forum=\"Host=127.0.0.1\" " +
          "dotnet ef migrations add NAME --project Migrations/Postgres --startup-project Forum.App";

    private static ForumDbContext Context(DataProvider provider, bool changeModel = false)
    {
        var services = new ServiceCollection().AddLogging().AddForumServices()
            .AddDbContextFactory<ForumDbContext>(o =>
            {
                if (provider == DataProvider.Postgres) PostgresProvider.UseForumPostgres(o, "Host=127.0.0.1;Database=unused");
                else DataExtensions.UseForumSqlite(o, "Data Source=unused.db");
                if (changeModel) o.ReplaceService<IModelCustomizer, ExtraColumn>();
            });
        var provided = services.BuildServiceProvider();
        return provided.GetRequiredService<IDbContextFactory<ForumDbContext>>().CreateDbContext();
    }

    /// <summary>What a forgotten migration looks like: a property the snapshot has never seen.</summary>
    private sealed class ExtraColumn(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<ForumUser>().Property<string>("FavouriteFilm");
        }
    }
}
