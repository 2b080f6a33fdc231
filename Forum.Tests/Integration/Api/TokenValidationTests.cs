using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Sessions;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Forum.Tests.Integration.Api;

/// <summary>Every forged, edited, expired or revoked token is a 401; only the real one answers.</summary>
public sealed class TokenValidationTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_WithIssuedToken_AnswersTheMember()
    {
        var me = await (await app.ClientForAsync("alice")).GetFromJsonAsync<MeBody>("/api/me", Ct);

        Assert.Equal(("alice", "Alice Moreau"), (me!.UserName, me.DisplayName));
        Assert.Equal(await app.UserIdAsync("alice"), me.Id);
        Assert.NotNull(me.Roles);
    }

    [Fact]
    public async Task Me_WithOnlyTheCookie_Answers401()
    {
        var client = app.NoRedirectClient();
        await FormClient.LogInAsync(client, "alice", ForumAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", Ct)).StatusCode);
    }

    public static TheoryData<string> Forgeries =>
    [
        "alg none", "stripped signature", "wrong key", "HS384", "edited name", "edited subject", "extended lifetime",
        "wrong issuer", "wrong audience", "no expiry", "garbage",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Me_WithForgedToken_Answers401Problem(string forgery)
    {
        var token = await ForgeAsync(forgery);

        var response = await app.WithToken(token).GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Me_TokenPastItsLifetimeAndSkew_Answers401()
    {
        var token = await app.TokenAsync("bob");
        var lifetime = TimeSpan.FromMinutes(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.LifetimeMinutes);

        app.Clock.Advance(lifetime + TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Me_AfterPasswordChange_OldTokenAnswers401AndANewOneWorks()
    {
        var old = await app.TokenAsync("dave");
        // Used first, so its stamp check is remembered: the change must still reach it at once.
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(old).GetAsync("/api/me", Ct)).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            var dave = (await users.FindByNameAsync("dave"))!;
            Assert.True((await users.ChangePasswordAsync(dave, ForumAppFactory.DemoPassword, ForumAppFactory.DemoPassword + "x")).Succeeded);
            await users.ChangePasswordAsync(dave, ForumAppFactory.DemoPassword + "x", ForumAppFactory.DemoPassword);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(old).GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("dave")).GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Me_TokenOfDeletedMember_Answers401()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var ghost = new ForumUser { UserName = "ghost", Email = "ghost@forum.test", DisplayName = "Ghost" };
        Assert.True((await users.CreateAsync(ghost, ForumAppFactory.DemoPassword)).Succeeded);
        var token = await app.TokenAsync("ghost");
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);
        Assert.True((await users.DeleteAsync(ghost)).Succeeded);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Me_RightAfterSignOutEverywhere_TheUsedTokenAnswers401()
    {
        var token = await app.TokenAsync("frank");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);

        await app.Services.GetRequiredService<SessionService>().RevokeAllAsync(await app.UserIdAsync("frank"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token).GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(await app.TokenAsync("frank")).GetAsync("/api/me", Ct)).StatusCode);
    }

    private async Task<string> ForgeAsync(string forgery)
    {
        var real = await app.TokenAsync("erin");
        var key = app.Services.GetRequiredService<JwtKeys>().SigningKey;
        var o = app.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        var claims = new JsonWebToken(real).Claims.Where(c => c.Type is not ("exp" or "iat" or "nbf" or "iss" or "aud")).ToList();
        SecurityTokenDescriptor Descriptor() => new()
        {
            Subject = new ClaimsIdentity(claims), Issuer = o.Issuer, Audience = o.Audience,
            Expires = app.Clock.GetUtcNow().AddHours(1).UtcDateTime, IssuedAt = app.Clock.GetUtcNow().UtcDateTime,
            NotBefore = app.Clock.GetUtcNow().UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        string Sign(SecurityTokenDescriptor d) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(d);
        return forgery switch
        {
            "alg none" => Sign(With(Descriptor(), d => d.SigningCredentials = null)),
            "stripped signature" => real[..(real.LastIndexOf('.') + 1)],
            "wrong key" => Sign(With(Descriptor(), d => d.SigningCredentials = new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha256))),
            "HS384" => Sign(With(Descriptor(), d => d.SigningCredentials = new(key, SecurityAlgorithms.HmacSha384))),
            "edited name" => EditPayload(real, p => p["name"] = "alice"),
            "edited subject" => EditPayload(real, p => p["sub"] = app.UserIdAsync("alice").Result),
            "extended lifetime" => EditPayload(real, p => p["exp"] = p["exp"]!.GetValue<long>() + 86_400),
            "wrong issuer" => Sign(With(Descriptor(), d => d.Issuer = "someone-else")),
            "wrong audience" => Sign(With(Descriptor(), d => d.Audience = "another-api")),
            "no expiry" => Sign(With(Descriptor(), d => d.Expires = null)),
            _ => "not.a.token",
        };
    }

    private static SecurityTokenDescriptor With(SecurityTokenDescriptor d, Action<SecurityTokenDescriptor> edit)
    {
        edit(d);
        return d;
    }

    /// <summary>Changes the payload and keeps the original signature, as an attacker holding a token would.</summary>
    private static string EditPayload(string token, Action<JsonObject> edit)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        edit(payload);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }

    private sealed record MeBody(string Id, string UserName, string DisplayName, string[] Roles);
}
