using Forum.App.Components.Account;
using Forum.Data.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forum.Tests.TestSupport;

/// <summary>Account helpers for integration tests: fresh members, signed-in clients, the auth cookie and the sign-out forms.</summary>
public static class AccountClient
{
    public const string Password = "Tester-pass-1";
    private const string AuthCookieName = ".AspNetCore.Identity.Application";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A member of our own, so a test can lock or sign out everywhere without touching the shared demo accounts.</summary>
    public static async Task<string> AddMemberAsync(this ForumAppFactory app, string userName)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = new ForumUser { UserName = userName, Email = $"{userName}@example.com", DisplayName = $"Member {userName}", CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>A client signed in through the login form, and the auth cookie it was given (to replay later).</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignInAsync(this ForumAppFactory app, string name, string password = Password) =>
        await SignInAsync(app.NoRedirectClient(), name, password);

    public static async Task<(HttpClient Client, string Cookie)> SignInAsync(HttpClient client, string name, string password = Password)
    {
        var response = await FormClient.LogInAsync(client, name, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return (client, AuthCookie(response));
    }

    /// <summary>The auth cookie (name=value) set by a sign-in response.</summary>
    public static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(AuthCookieName + "="));

    /// <summary>The session id inside an auth cookie, read with the app's own keys.</summary>
    public static string SessionIdOf(this ForumAppFactory app, string cookie)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie[(cookie.IndexOf('=') + 1)..]);
        return ticket!.Principal.FindFirst(ForumClaims.SessionId)!.Value;
    }

    /// <summary>A client that sends exactly this cookie and keeps nothing it is given: what an attacker holding a copy does.</summary>
    public static HttpClient ReplayClient(this ForumAppFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>Posts a form found on <paramref name="pagePath"/> (its antiforgery token) to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFromPageAsync(HttpClient client, string pagePath, string action, Dictionary<string, string> fields)
    {
        var token = FormClient.AntiforgeryToken(await client.GetStringAsync(pagePath, Ct));
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(body), Ct);
    }

    // The sessions page is static, so its forms (and their antiforgery token) are in the HTML; the app bar's menu
    // renders its sign-out forms only when opened on the circuit.
    public static Task<HttpResponseMessage> SignOutAsync(HttpClient client, string returnUrl = "/") =>
        PostFromPageAsync(client, "/Account/Sessions", "/Account/Logout", new() { ["returnUrl"] = returnUrl });

    public static Task<HttpResponseMessage> SignOutEverywhereAsync(HttpClient client, string returnUrl = "/") =>
        PostFromPageAsync(client, "/Account/Sessions", "/Account/LogoutEverywhere", new() { ["returnUrl"] = returnUrl });
}
