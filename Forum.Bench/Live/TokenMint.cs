using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.Bench.Live;

/// <summary>
/// Bearer tokens for thousands of load members without thousands of password checks (≈ 60 ms of server CPU each):
/// the app's own TokenService, on the load's database, signing with the key the server is started with. The tokens
/// are the ones POST /api/auth/token would answer (same claims, same stamp fingerprint), as the tests' ApiClient does.
/// </summary>
public sealed class TokenMint : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TokenMint(string dataDir, string signingKey)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<ForumDataOptions>().Configure(o => o.Directory = dataDir);
        services.AddDbContextFactory<ForumDbContext>(o => DataExtensions.UseForumSqlite(o, $"Data Source={Path.Combine(dataDir, "forum.db")}"));
        services.AddForumServices();
        services.AddIdentityCore<ForumUser>().AddEntityFrameworkStores<ForumDbContext>();
        services.AddOptions<JwtOptions>().Configure(o => o.Key = signingKey);
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = Environments.Production, ContentRootPath = dataDir,
        });
        services.AddSingleton<JwtKeys>();
        services.AddScoped<TokenService>();
        _services = services.BuildServiceProvider();
    }

    /// <summary>A random key of 48 bytes, for the server (Forum__Jwt__Key) and this mint alike.</summary>
    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public async Task<IReadOnlyDictionary<string, string>> IssueAsync(IEnumerable<string> userNames, CancellationToken ct)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var batch in userNames.Chunk(500))
        {
            await using var scope = _services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            var issuer = scope.ServiceProvider.GetRequiredService<TokenService>();
            var found = await users.Users.Where(u => batch.Contains(u.UserName!)).ToListAsync(ct);
            foreach (var user in found) tokens[user.UserName!] = (await issuer.IssueAsync(user)).AccessToken;
        }
        return tokens;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
