using Forum.App.Features.Api.Tokens;

namespace Forum.App.Features.Api;

/// <summary>Who the token belongs to (PROTOCOL.md: GET /api/me).</summary>
public static class MeEndpoints
{
    public sealed record Me(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles);

    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http) => new Me(
                TokenClaims.UserIdOf(http.User)!, http.User.FindFirst(TokenClaims.Name)?.Value ?? "",
                http.User.FindFirst(TokenClaims.DisplayName)?.Value ?? "",
                [.. http.User.FindAll(TokenClaims.Role).Select(c => c.Value)]))
            .WithTags("Account")
            .WithName("GetMe")
            .WithSummary("The member the token belongs to");
}
