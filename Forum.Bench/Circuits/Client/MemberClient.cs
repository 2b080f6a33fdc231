using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Bench.Circuits.Client;

/// <summary>
/// One member's browser: its own cookie jar over an HttpClient shared by every member (one connection pool for the
/// whole driver, cookies kept per member), so thousands of members cost no thousands of handlers.
/// </summary>
public sealed partial class MemberClient(HttpClient http, Uri baseUri, string userName, string password)
{
    private readonly CookieContainer _cookies = new();

    public Uri BaseUri => baseUri;
    public string UserName => userName;
    public string Password => password;
    public HttpClient Http => http;

    /// <summary>How often this member's tabs ping the server (the target's browser setting).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The Cookie header this member's requests and WebSocket upgrades carry.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(baseUri);

    /// <summary>An HttpClient for the driver: no cookie handling (members keep their own) and no redirects followed.</summary>
    public static HttpClient CreateSharedHttp() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Logs in through the real form: GET for the antiforgery token and cookie, then the form POST.</summary>
    public async Task LogInAsync(CancellationToken ct)
    {
        var form = await GetStringAsync("/Account/Login", ct);
        var token = AntiforgeryInput().Match(form);
        if (!token.Success) throw new InvalidOperationException("The login page has no antiforgery token.");
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["_handler"] = "login",
                ["Input.Name"] = userName,
                ["Input.Password"] = password,
            }),
        }, ct);
        // Success is a redirect away from the form; a wrong password re-renders the form with 200.
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode}.");
    }

    public async Task<PrerenderedPage> GetPageAsync(string path, CancellationToken ct) =>
        PrerenderedPage.Parse(await GetStringAsync(path, ct));

    /// <summary>What the browser's sendBeacon does on unload: the server disposes the circuit at once.</summary>
    public async Task DisconnectAsync(string circuitId, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_blazor/disconnect")
        {
            Content = new FormUrlEncodedContent([new("circuitId", circuitId)]),
        }, ct);
    }

    /// <summary>Sends with this member's cookies and keeps the cookies the server sets.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.RequestUri = new Uri(baseUri, request.RequestUri!);
        if (CookieHeader is { Length: > 0 } cookie) request.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var c in set) _cookies.SetCookies(baseUri, c);
        return response;
    }

    private async Task<string> GetStringAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
