using System.Text;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Template;

namespace Forum.App.Components.Account;

/// <summary>Signing out: plain form posts (antiforgery-checked), each ending sessions on the server, not only the cookie.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (HttpContext http, [FromServices] SignInManager<ForumUser> signIn,
            [FromServices] SessionService sessions, [FromServices] EndpointDataSource pages, [FromForm] string? returnUrl) =>
        {
            if (http.User.UserId() is { } userId && http.User.FindFirst(ForumClaims.SessionId)?.Value is { } sessionId)
                await sessions.RevokeAsync(userId, sessionId, http.RequestAborted);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(AfterSignOut(pages, returnUrl));
        });

        endpoints.MapPost("/Account/LogoutEverywhere", async (HttpContext http, [FromServices] SignInManager<ForumUser> signIn,
            [FromServices] SessionService sessions, [FromServices] EndpointDataSource pages, [FromForm] string? returnUrl) =>
        {
            if (http.User.UserId() is { } userId) await sessions.RevokeAllAsync(userId, http.RequestAborted);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(AfterSignOut(pages, returnUrl));
        });

        // Signs out one of the member's own other sessions from the sessions page; the service ignores anyone else's.
        endpoints.MapPost("/Account/Sessions/SignOut", async (HttpContext http, [FromServices] SessionService sessions,
            [FromForm] string? sessionId) =>
        {
            if (http.User.UserId() is { } userId && !string.IsNullOrEmpty(sessionId))
                await sessions.RevokeAsync(userId, sessionId, http.RequestAborted);
            return TypedResults.LocalRedirect("/Account/Sessions");
        }).RequireAuthorization();
    }

    /// <summary>
    /// Only local paths, so a crafted link cannot send a member elsewhere after signing in or out; characters a
    /// Location header cannot carry (é, spaces) are percent-encoded as UTF-8, as a browser would.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\")
            || returnUrl.Any(char.IsControl))
            return "/";
        var encoded = new StringBuilder(returnUrl.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F) encoded.Append((char)rune.Value);
            else
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)]) encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }

    /// <summary>
    /// Back where the member was, unless that page is for members only: a signed-out visitor there would only meet the
    /// login form, so they go home instead. The pages' own [Authorize] attributes decide.
    /// </summary>
    private static string AfterSignOut(EndpointDataSource pages, string? returnUrl)
    {
        var target = SafeReturnUrl(returnUrl);
        var path = Uri.UnescapeDataString(target.Split('?', '#')[0]);
        var membersOnly = pages.Endpoints.OfType<RouteEndpoint>().Any(e =>
            e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null
            && new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(path, []));
        return membersOnly ? "/" : target;
    }
}
