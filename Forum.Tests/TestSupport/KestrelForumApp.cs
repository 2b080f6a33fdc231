namespace Forum.Tests.TestSupport;

/// <summary>
/// The app behind a real Kestrel socket, for what the in-memory test server lets through: Kestrel refuses to send a
/// header it cannot encode (a non-ASCII Location), the test server does not.
/// </summary>
public sealed class KestrelForumApp : IDisposable
{
    private readonly Uri _baseAddress;

    public KestrelForumApp() => _baseAddress = new Uri(App.StartKestrel());

    public ForumAppFactory App { get; } = new();

    /// <summary>Like <see cref="ForumAppFactory.NoRedirectClient"/> (the factory's own client follows redirects over a socket).</summary>
    public HttpClient NoRedirectClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = _baseAddress };

    public void Dispose() => App.Dispose();
}
