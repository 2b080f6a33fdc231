using Forum.App.Components.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Api.Tokens;

/// <summary>
/// Bearer tokens for the API, beside the Identity cookie for pages. A policy scheme picks by path, so the cookie never
/// authorizes /api (cross-site request forgery against the API is impossible by construction) and a token never
/// signs in a page.
/// </summary>
public static class JwtSetup
{
    public const string Scheme = "Forum";

    public static IServiceCollection AddForumTokens(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JwtKeys>();
        services.AddSingleton<StampCache>();
        services.AddSingleton<TokenValidation>();
        services.AddScoped<TokenService>();

        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = http => IsApi(http.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    // Browsers' EventSource cannot set headers: the stream alone may carry the token in the query.
                    OnMessageReceived = c =>
                    {
                        if (c.Request.Path.StartsWithSegments("/api/stream") && c.Request.Query["access_token"] is [{ Length: > 0 } token])
                            c.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async c =>
                    {
                        if (!await c.HttpContext.RequestServices.GetRequiredService<TokenValidation>().AccountAgreesAsync(c.Principal!, c.HttpContext.RequestAborted))
                            c.Fail("The token was revoked.");
                    },
                };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenValidation>((o, validation) => o.TokenValidationParameters = validation.Parameters);
        // After Identity has set its cookie as the default: the policy scheme decides per request.
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultAuthenticateScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
            o.DefaultForbidScheme = Scheme;
        });
        return services;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
