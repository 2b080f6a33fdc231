using System.Net;
using Forum.Data.Seeding;
using Forum.Data.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>The whole app on its own seeded SQLite file; with <see cref="StartKestrel"/> on a real loopback socket for browsers.</summary>
public class ForumAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "forum-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Development by default; <see cref="ProductionAppFactory"/> proves what a deployed forum answers.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>Throwaway keys per host; nodes of one cluster (PostgresAppFactory, ClusterNode) keep theirs in the database or Redis.</summary>
    protected virtual bool EphemeralKeys => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forum:Data:Directory"] = _dataDir,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        // Each app gets its own keys, so parallel test hosts never read each other's cookies and tokens.
        if (EphemeralKeys) builder.ConfigureServices(s => s.AddDataProtection().UseEphemeralDataProtectionProvider());
    }

    /// <summary>Serves over Kestrel on 127.0.0.1 and returns the base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task<string?> UserIdAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        return (await users.FindByNameAsync(userName))?.Id;
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient NoRedirectClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static string DemoPassword => DemoSeeder.Password;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The app as deployed: Production error handling, HSTS.</summary>
public sealed class ProductionAppFactory : ForumAppFactory
{
    protected override string EnvironmentName => "Production";
}
