using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Forum.Data.Users;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Integration;

/// <summary>The login and registration forms reveal neither passwords nor which accounts exist.</summary>
public sealed partial class SignInTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Client() => app.NoRedirectClient();

    private Task<HttpResponseMessage> RegisterAsync(string userName, string email, string password, string? confirm = null) =>
        FormClient.SubmitAsync(Client(), "/Account/Register", "register", new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "Some One", ["Input.Email"] = email,
            ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm ?? password,
        });

    private static async Task<string> LoginErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // stayed on the form
        var match = AlertText().Match(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(match.Success, "the login form shows an error");
        return match.Groups[1].Value.Trim();
    }

    [Fact]
    public async Task Login_Failed_DoesNotWriteThePasswordBack()
    {
        var response = await FormClient.LogInAsync(Client(), "bob", "Secret-guess-42");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"login-password\"", html);
        Assert.DoesNotContain("Secret-guess-42", html);
    }

    [Fact]
    public async Task Register_Failed_DoesNotWriteThePasswordsBack()
    {
        var mismatch = await RegisterAsync("echo-one", "echo-one@example.com", "Hidden-pass-91", "Hidden-pass-92");
        var taken = await RegisterAsync("alice", "echo-two@example.com", "Hidden-pass-93");

        foreach (var response in new[] { mismatch, taken })
        {
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("id=\"reg-password\"", html);
            Assert.DoesNotContain("Hidden-pass-9", html);
        }
        Assert.Contains("The passwords do not match.", await mismatch.Content.ReadAsStringAsync(Ct));
        Assert.Null(await app.UserIdAsync("echo-one"));
    }

    [Fact]
    public async Task Login_UnknownWrongOrLocked_GetTheSameAnswer()
    {
        await app.AddMemberAsync("same-answer");

        var unknownName = await LoginErrorAsync(await FormClient.LogInAsync(Client(), "nobody-here", "Wrong-pass-1"));
        var unknownEmail = await LoginErrorAsync(await FormClient.LogInAsync(Client(), "nobody@example.com", "Wrong-pass-1"));
        var wrong = new List<string>();
        for (var i = 0; i < 5; i++) wrong.Add(await LoginErrorAsync(await FormClient.LogInAsync(Client(), "same-answer", "Wrong-pass-1")));
        var lockedRightPassword = await LoginErrorAsync(await FormClient.LogInAsync(Client(), "same-answer", AccountClient.Password));

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync("same-answer"))!), "five wrong passwords lock the account");
        }
        Assert.All(wrong.Append(unknownEmail).Append(lockedRightPassword), answer => Assert.Equal(unknownName, answer));
    }

    [Fact]
    public async Task Login_UnknownName_TakesAboutAsLongAsARealOne()
    {
        await app.AddMemberAsync("timed-member");
        var client = Client();
        var token = FormClient.AntiforgeryToken(await client.GetStringAsync("/Account/Login", Ct));

        async Task<double> TimeAsync(string name)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Name"] = name, ["Input.Password"] = "Wrong-pass-1",
            });
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/Account/Login", form, Ct);
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("ghost-warm-up");
        var (unknown, real) = (new List<double>(), new List<double>());
        for (var i = 0; i < 5; i++) // interleaved, so a busy moment on the machine hits both sides
        {
            unknown.Add(await TimeAsync($"ghost-{i}"));
            real.Add(await TimeAsync("timed-member"));
        }

        var (unknownMedian, realMedian) = (unknown.Order().ElementAt(2), real.Order().ElementAt(2));
        Assert.True(unknownMedian >= 0.3 * realMedian,
            $"an unknown name answered in {unknownMedian:F1} ms, a real one in {realMedian:F1} ms: the difference tells which names exist");
    }

    [Fact]
    public async Task Register_TakenEmail_DoesNotSayWhichAccountHasIt()
    {
        var response = await RegisterAsync("fresh-name", "alice@forum.local", "Fresh-pass-1");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That email cannot be used", html);
        Assert.DoesNotContain("already", html);
        Assert.DoesNotContain("alice@forum.local' is", html);
        Assert.Null(await app.UserIdAsync("fresh-name"));
    }

    [Fact]
    public async Task Register_TakenNameAndWeakPassword_ExplainsEachBesideItsField()
    {
        var response = await RegisterAsync("alice", "weak@example.com", "weakpassword");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("id=\"account-error\"", html);
        Assert.DoesNotContain("Passwords must", html); // Identity's own wording
        var (name, password, confirm) = (html.IndexOf("id=\"reg-name\""), html.IndexOf("id=\"reg-password\""), html.IndexOf("id=\"reg-confirm\""));
        var taken = html.IndexOf("That user name is taken");
        var capital = html.IndexOf("Add a capital letter");
        Assert.InRange(taken, name, password);
        Assert.InRange(capital, password, confirm);
        Assert.InRange(html.IndexOf("Add a digit"), password, confirm);
    }

    [GeneratedRegex("id=\"account-error\".*?mud-alert-message[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertText();
}
