using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Forum.Tests.TestSupport.Postgres;

/// <summary>
/// The whole app as one node of a PostgreSQL forum (Forum:Data:Provider = Postgres, ConnectionStrings:Forum), with
/// the app's own Data Protection set-up: keys in the database, shared by every node on it.
/// </summary>
public sealed class PostgresAppFactory(string connectionString) : ForumAppFactory
{
    protected override bool EphemeralKeys => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forum:Data:Provider"] = "Postgres",
            ["ConnectionStrings:Forum"] = connectionString,
        }));
    }
}
