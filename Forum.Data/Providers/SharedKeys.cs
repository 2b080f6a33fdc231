using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forum.Data.Providers;

/// <summary>
/// The Data Protection key ring (cookies, antiforgery tokens, Blazor's protected state) in the forum's database, so a
/// cookie issued by one node is honoured by every node that shares the database.
/// </summary>
public static class SharedKeys
{
    /// <summary>One name for every node: by default each app isolates its keys by its content root path.</summary>
    public const string ApplicationName = "Forum";

    /// <summary>Keys in the forum database's DataProtectionKeys table (Postgres migration set), whatever the provider setting.</summary>
    public static IDataProtectionBuilder PersistKeysToForumDatabase(this IDataProtectionBuilder builder) =>
        builder.SetApplicationName(ApplicationName).PersistKeysToDbContext<ForumDbContext>();

    /// <summary>
    /// Keys go to the database when <see cref="ForumDataOptions.Provider"/> is Postgres (decided when options are read,
    /// so test hosts that change the setting late are honoured); on SQLite the defaults stay (one node, keys on disk).
    /// </summary>
    public static IServiceCollection AddForumKeyStore(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (IsShared(sp)) o.XmlRepository = new EntityFrameworkCoreXmlRepository<ForumDbContext>(sp, sp.GetRequiredService<ILoggerFactory>());
        }));
        services.AddSingleton<IConfigureOptions<DataProtectionOptions>>(sp => new ConfigureOptions<DataProtectionOptions>(o =>
        {
            if (IsShared(sp)) o.ApplicationDiscriminator = ApplicationName;
        }));
        return services;
    }

    private static bool IsShared(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<ForumDataOptions>>().Value.Provider == DataProvider.Postgres;
}
