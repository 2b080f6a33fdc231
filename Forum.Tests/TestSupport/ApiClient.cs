using System.Net.Http.Headers;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>API calls as a client would make them: a bearer token per member, no cookies.</summary>
public static class ApiClient
{
    /// <summary>A token issued by the app's own token service (the endpoint has its own tests).</summary>
    public static async Task<string> TokenAsync(this ForumAppFactory app, string userName)
    {
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"No member {userName}");
        return (await scope.ServiceProvider.GetRequiredService<TokenService>().IssueAsync(user)).AccessToken;
    }

    public static HttpClient WithToken(this ForumAppFactory app, string token)
    {
        var client = app.NoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> ClientForAsync(this ForumAppFactory app, string userName) =>
        app.WithToken(await app.TokenAsync(userName));

    /// <summary>A client of the live app's real socket (beside its /ws clients), with a token unless <paramref name="userName"/> is null.</summary>
    public static async Task<HttpClient> HttpClientForAsync(this LiveAppFactory app, string? userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        if (userName is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(userName));
        return client;
    }
}
