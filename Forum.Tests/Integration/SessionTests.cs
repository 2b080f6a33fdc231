using System.Net;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Integration;

/// <summary>Signing out ends the session on the server: a copy of the cookie stops working.</summary>
public sealed class SessionTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var page = await client.GetAsync("/messages", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/Login", new Uri(client.BaseAddress!, page.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/messages", Ct)).StatusCode);
    }

    private async Task<string> SecurityStampAsync(string userName)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        return await users.GetSecurityStampAsync((await users.FindByNameAsync(userName))!);
    }

    [Fact]
    public async Task Logout_ReplayedCookie_IsSignedOut()
    {
        await app.AddMemberAsync("replayer");
        var (client, cookie) = await app.SignInAsync("replayer");
        var copy = app.ReplayClient(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/messages", Ct)).StatusCode); // the copy works while signed in

        Assert.Equal(HttpStatusCode.Redirect, (await AccountClient.SignOutAsync(client)).StatusCode);

        await AssertSignedOutAsync(copy);
    }

    [Fact]
    public async Task Logout_EndsOnlyThatSession()
    {
        await app.AddMemberAsync("two-devices");
        var (laptop, _) = await app.SignInAsync("two-devices");
        var (_, phoneCookie) = await app.SignInAsync("two-devices");

        await AccountClient.SignOutAsync(laptop);

        Assert.Equal(HttpStatusCode.OK, (await app.ReplayClient(phoneCookie).GetAsync("/messages", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryLoginAndChangesTheStamp()
    {
        await app.AddMemberAsync("everywhere");
        var (laptop, laptopCookie) = await app.SignInAsync("everywhere");
        var (_, phoneCookie) = await app.SignInAsync("everywhere");
        var stamp = await SecurityStampAsync("everywhere");

        var response = await AccountClient.SignOutEverywhereAsync(laptop);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertSignedOutAsync(app.ReplayClient(phoneCookie));
        await AssertSignedOutAsync(app.ReplayClient(laptopCookie));
        Assert.NotEqual(stamp, await SecurityStampAsync("everywhere")); // tokens carry the stamp: they end too
    }

    [Fact]
    public async Task SessionsPage_ListsLoginsAndSignsOneOut()
    {
        await app.AddMemberAsync("many-logins");
        var (laptop, _) = await app.SignInAsync("many-logins");
        var (_, phoneCookie) = await app.SignInAsync("many-logins");

        var html = await laptop.GetStringAsync("/Account/Sessions", Ct);
        Assert.Contains("This device", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "class=\"session-row").Count);

        var other = System.Text.RegularExpressions.Regex.Match(html, "name=\"sessionId\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        var response = await AccountClient.PostFromPageAsync(laptop, "/Account/Sessions", "/Account/Sessions/SignOut", new() { ["sessionId"] = other });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertSignedOutAsync(app.ReplayClient(phoneCookie));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/messages", Ct)).StatusCode);
    }

    [Fact]
    public async Task SessionsPage_CannotSignOutAnotherMembersSession()
    {
        await app.AddMemberAsync("victim");
        await app.AddMemberAsync("prankster");
        var (_, victimCookie) = await app.SignInAsync("victim");
        var (prankster, _) = await app.SignInAsync("prankster");
        var victimSession = app.SessionIdOf(victimCookie);

        await AccountClient.PostFromPageAsync(prankster, "/Account/Sessions", "/Account/Sessions/SignOut", new() { ["sessionId"] = victimSession });

        Assert.Equal(HttpStatusCode.OK, (await app.ReplayClient(victimCookie).GetAsync("/messages", Ct)).StatusCode);
    }
}
