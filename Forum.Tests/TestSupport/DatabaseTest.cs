using Forum.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>Base for service tests: xunit makes one instance per test, so every test gets its own fresh database.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The engine under test: a class runs on PostgreSQL too through a subclass that says so (Data/OnPostgres.cs).</summary>
    protected virtual DataProvider Provider => DataProvider.Sqlite;

    public async ValueTask InitializeAsync() => Db = await TestDatabase.CreateAsync(Ct, configure: ConfigureServices, provider: Provider);

    /// <summary>Changes to the app's wiring for every test of the class (options, stand-in services).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
