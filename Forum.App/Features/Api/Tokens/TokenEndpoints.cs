using Forum.App.Components.Account;
using Forum.App.Features.Api.RateLimits;

namespace Forum.App.Features.Api.Tokens;

/// <summary>POST /api/auth/token (PROTOCOL.md): the login page's own password check, answered with a bearer token.</summary>
public static class TokenEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public static void MapTokens(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest request, SignInService signIn, TokenService tokens, TokenRateLimiter limits, HttpContext http) =>
            {
                if (limits.Check(http, request.UserName) is { } limited)
                    return ApiRateLimits.TooManyRequests(http, limited.RetryAfter, limited.Detail);
                // One answer for an unknown name, a wrong password and a locked account, after the same work.
                var user = string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)
                    ? null : await signIn.CheckPasswordAsync(request.UserName, request.Password);
                return user is null
                    ? TypedResults.Problem(signIn.Refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
                    : TypedResults.Ok(await tokens.IssueAsync(user));
            })
            .AllowAnonymous()
            .WithTags("Account")
            .WithName("CreateToken")
            .WithSummary("Exchange a user name (or email) and password for a bearer token")
            .WithDescription("Send the token as `Authorization: Bearer <access_token>` on every other call. It lives `expires_in` seconds " +
                "(2 h); a password change or \"sign out everywhere\" revokes it. A wrong password, an unknown name and a locked " +
                "account get the same 401, and failed attempts count toward the login page's lockout. Limited per client address and per user name (429).")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
