using Microsoft.Playwright;

namespace Forum.Tests.TestSupport;

/// <summary>
/// Debian's chromium driven by Playwright against the app on a loopback socket. Without a browser the tests
/// skip with the install line, except under CI (CI=true), where a missing browser fails them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string InstallHint = "apt-get install -y chromium";
    private IPlaywright? _playwright;

    public ForumAppFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }

    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable("FORUM_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public async ValueTask InitializeAsync()
    {
        if (ChromiumPath is not { } path) return;
        // Assertions wait as long as actions (15 s, see SignInAsync): on two busy cores a circuit round trip can take seconds.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        BaseUrl = App.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The browser, or a skip (a failure under CI) naming the install line.</summary>
    public IBrowser RequireBrowser()
    {
        if (Browser is not null) return Browser;
        var reason = $"Browser tests need Debian's chromium at /usr/bin/chromium (or FORUM_CHROMIUM): {InstallHint}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>A signed-in browser context (its tabs share the cookie) for a demo member.</summary>
    public async Task<IBrowserContext> SignInAsync(string userName)
    {
        var context = await RequireBrowser().NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-name", userName);
        await page.FillAsync("#login-password", ForumAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#signed-in-as");
        await page.CloseAsync();
        return context;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the circuit is live, so clicks do something.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("#circuit-ready", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
