using System.Security.Claims;
using Forum.Data.Moderation;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Components.Admin;

/// <summary>Admin pages as the moderator Mo (signed in), with Alice and Bob as members and Alice's post "Heat".</summary>
public abstract class AdminTest : ComponentTest
{
    protected string Mod { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Mod = await H.Db.AddUserAsync("Mo");
        await H.Db.QueryAsync(async db => { await ForumRoles.AddAsync(db, Mod, ForumRoles.Moderator, Ct); return 0; });
        H.SignIn(Mod, "Mo");
    }

    protected T Service<T>() where T : notnull => H.Db.Services.GetRequiredService<T>();

    protected static ClaimsPrincipal Principal(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
