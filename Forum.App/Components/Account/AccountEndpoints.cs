using System.Security.Claims;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Forum.App.Components.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async (HttpContext http, [FromServices] SignInManager<ForumUser> signIn,
            [FromServices] INotificationBus bus, [FromForm] string? returnUrl) =>
        {
            var (userId, sessionId) = (http.User.UserId(), http.User.FindFirstValue(ForumClaims.SessionId));
            await signIn.SignOutAsync();
            // Other tabs of this browser lose the cookie now; their open circuits must stop acting for the member too.
            if (userId is not null && sessionId is not null)
                await bus.PublishAsync(Topics.User(userId), new SignedOut(userId, sessionId));
            return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl));
        });

    /// <summary>Only local paths, so a crafted link cannot send a member elsewhere after signing in or out.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\")
            || returnUrl.Any(char.IsControl)
            ? "/" : returnUrl;
}
