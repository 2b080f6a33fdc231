using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forum.App.Hosting;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Api;

/// <summary>The OpenAPI document lists every call with its answers and the bearer scheme; the docs page is served from the app.</summary>
public sealed partial class OpenApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_ListsEveryEndpointWithSummaryAndItsAnswers()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var listed = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name.ToUpperInvariant(), p.Name))).ToHashSet();
        var expected = ApiAccessTests.All.Concat(ApiAccessTests.Public).Select(e => (e.Method, Template(e.Path))).Append(("POST", "/api/auth/token"));
        Assert.Equal(expected.ToHashSet(), listed);
        foreach (var (method, path) in listed)
        {
            var operation = paths.GetProperty(path).GetProperty(method.ToLowerInvariant());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
            var responses = operation.GetProperty("responses");
            Assert.Contains(responses.EnumerateObject(), r => r.Name.StartsWith('2'));
            if (method != "GET") Assert.True(responses.TryGetProperty("429", out var limited) && limited.GetProperty("headers").TryGetProperty("Retry-After", out _));
        }
    }

    [Fact]
    public async Task Document_DescribesTheBearerSchemeAndTheTokenFlow()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Contains("/api/auth/token", document.GetProperty("info").GetProperty("description").GetString());
        var paths = document.GetProperty("paths");
        Assert.False(paths.GetProperty("/api/auth/token").GetProperty("post").TryGetProperty("security", out _));
        var secured = paths.GetProperty("/api/posts").GetProperty("post");
        Assert.True(secured.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.Equal("#/components/schemas/ProblemDetails",
            secured.GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/problem+json")
                .GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Document_ChatRoomReadsNeedNoTokenButSendingDoes()
    {
        var rooms = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/chat/rooms/{room}/messages");

        Assert.False(rooms.GetProperty("get").TryGetProperty("security", out _));
        Assert.True(rooms.GetProperty("post").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(rooms.GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task Document_RequestShapesCarryNoServerFields()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var create = schemas.GetProperty("NewPostRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["title", "year", "genres", "body", "requestId"], create);
        Assert.Equal(JsonValueKind.Undefined, schemas.GetProperty("PostChangesRequest").TryGetProperty("required", out var r) ? r.ValueKind : JsonValueKind.Undefined);
    }

    [Fact]
    public async Task DocsPage_ServedFromTheAppWithoutInlineScriptUnderTheSitePolicy()
    {
        var client = app.NoRedirectClient();

        var redirect = await client.GetAsync("/api/docs", Ct);
        var page = await client.GetAsync("/api/docs/index.html", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Matches("src=\"\\./[\\w.-]+\\.js\"|src=\"index\\.js\"", s));
        Assert.DoesNotContain("http", string.Concat(ResourceRef().Matches(html).Select(m => m.Value)));
        Assert.Contains("/openapi/v1.json", await client.GetStringAsync("/api/docs/index.js", Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/swagger-ui-bundle.js", Ct)).StatusCode);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await app.NoRedirectClient().GetAsync("/openapi/v1.json", Ct);
        return await ApiAssert.JsonAsync(response);
    }

    private static string Template(string path) => IdSegment().Replace(path.Replace("/content/comment/", "/content/{kind}/"), m => m.Groups[1].Value switch
    {
        "users" or "direct" or "bans" or "mutes" or "lockouts" or "moderators" => $"/{m.Groups[1].Value}/{{userName}}",
        "rooms" => "/rooms/{room}",
        var owner => $"/{owner}/{{id}}",
    });

    [GeneratedRegex("/(posts|comments|messages|users|direct|rooms|reports|bans|mutes|lockouts|moderators|\\{kind\\})/(\\d+|alice|lobby)")]
    private static partial Regex IdSegment();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(src|href)=\"[^\"]*\"")]
    private static partial Regex ResourceRef();
}
