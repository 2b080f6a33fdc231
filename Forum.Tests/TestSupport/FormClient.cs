using System.Text.RegularExpressions;

namespace Forum.Tests.TestSupport;

/// <summary>Submits the static (SSR) account forms the way a browser does: antiforgery token, form name, fields.</summary>
public static partial class FormClient
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, Xunit.TestContext.Current.CancellationToken);
        var token = AntiforgeryToken(page);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = formName };
        return await client.PostAsync(path, new FormUrlEncodedContent(body), Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html) => TokenInput().Match(html).Groups[1].Value;

    public static Task<HttpResponseMessage> LogInAsync(HttpClient client, string name, string password) =>
        SubmitAsync(client, "/Account/Login", "login", new() { ["Input.Name"] = name, ["Input.Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
