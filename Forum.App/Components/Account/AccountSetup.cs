using Forum.Data;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Components.Account;

/// <summary>Identity, the auth cookie and its server-side session, and the circuit's auth state.</summary>
internal static class AccountSetup
{
    public static IServiceCollection AddForumAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SessionBackstop>().AddHostedService(sp => sp.GetRequiredService<SessionBackstop>());
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<UserSessionOptions>>((cookie, sessions) =>
            {
                cookie.LoginPath = "/Account/Login";
                cookie.AccessDeniedPath = "/access-denied";
                cookie.ExpireTimeSpan = sessions.Value.Lifetime;
                SessionCookie.Attach(cookie.Events);
            });
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = SessionClaims.KeepSessionId);
        services.AddAuthorization();
        services.AddIdentityCore<ForumUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ForumDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ForumClaimsFactory>()
            .AddErrorDescriber<ForumIdentityErrors>()
            .AddDefaultTokenProviders();
        services.AddScoped<SignInService>();
        return services;
    }
}

/// <summary>
/// Ties the auth cookie to a <see cref="UserSession"/> row: every sign-in records one, and every request that
/// carries the cookie is refused once its session has ended (logout, sign out everywhere, expiry).
/// </summary>
internal static class SessionCookie
{
    public static void Attach(CookieAuthenticationEvents events)
    {
        var checkStamp = events.OnValidatePrincipal; // Identity's security stamp check, kept after ours
        events.OnValidatePrincipal = async context =>
        {
            if (await IsLiveAsync(context)) await checkStamp(context);
            else
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        };
        var signingIn = events.OnSigningIn;
        events.OnSigningIn = async context =>
        {
            await StartAsync(context);
            await signingIn(context);
        };
    }

    private static Task<bool> IsLiveAsync(CookieValidatePrincipalContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<SessionService>().IsLiveAsync(
            context.Principal?.FindFirst(ForumClaims.SessionId)?.Value, context.Principal?.UserId(), context.HttpContext.RequestAborted);

    private static Task StartAsync(CookieSigningInContext context)
    {
        var (userId, sessionId) = (context.Principal?.UserId(), context.Principal?.FindFirst(ForumClaims.SessionId)?.Value);
        if (userId is null || sessionId is null)
            throw new InvalidOperationException("Sign-ins must carry a session id (ForumClaimsFactory adds one).");
        var session = new NewSession(sessionId, userId, context.Request.Headers.UserAgent.ToString(), context.Properties.ExpiresUtc?.UtcDateTime);
        return context.HttpContext.RequestServices.GetRequiredService<SessionService>().StartAsync(session, context.HttpContext.RequestAborted);
    }
}
