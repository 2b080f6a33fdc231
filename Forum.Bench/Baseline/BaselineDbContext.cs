using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Baseline;

public sealed class BaselineDbContext(DbContextOptions<BaselineDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public static string MemberName(IConfiguration config, int index) => $"{config["Baseline:UserPrefix"] ?? "load"}{index:D5}";

    /// <summary>Creates the schema and the load members (Baseline:Members, one password) on a fresh database.</summary>
    public static async Task SeedAsync(IServiceProvider services, IConfiguration config)
    {
        await using (var scope = services.CreateAsyncScope())
            if (!await scope.ServiceProvider.GetRequiredService<BaselineDbContext>().Database.EnsureCreatedAsync()) return;
        var members = config.GetValue("Baseline:Members", 0);
        var hash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), config["Baseline:Password"] ?? "Load-pass-1");
        for (var start = 0; start < members; start += 250)
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            for (var i = start; i < Math.Min(members, start + 250); i++)
            {
                var name = MemberName(config, i);
                var result = await users.CreateAsync(new IdentityUser { UserName = name, Email = $"{name}@load.local", EmailConfirmed = true, PasswordHash = hash });
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
