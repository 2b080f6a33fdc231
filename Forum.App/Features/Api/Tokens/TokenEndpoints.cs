using Forum.App.Components.Account;

namespace Forum.App.Features.Api.Tokens;

/// <summary>POST /api/auth/token (PROTOCOL.md): the login page's own password check, answered with a bearer token.</summary>
public static class TokenEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public static void MapTokens(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest request, SignInService signIn, TokenService tokens) =>
            {
                // One answer for an unknown name, a wrong password and a locked account, after the same work.
                var user = string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)
                    ? null : await signIn.CheckPasswordAsync(request.UserName, request.Password);
                return user is null
                    ? TypedResults.Problem(signIn.Refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
                    : TypedResults.Ok(await tokens.IssueAsync(user));
            })
            .AllowAnonymous()
            .WithSummary("Exchange a user name (or email) and password for a bearer token")
            .WithDescription("Send the token as `Authorization: Bearer <access_token>` on every other call. It lives `expires_in` seconds (2 h); a password change or \"sign out everywhere\" revokes it.");
}
