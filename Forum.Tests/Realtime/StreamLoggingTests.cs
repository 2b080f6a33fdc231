using System.Collections.Concurrent;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.Tests.Realtime;

/// <summary>The app with appsettings.json's log levels (not the test default) and every log line kept.</summary>
public sealed class LoggedApp() : LiveAppFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" })
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new Capture(Lines)));
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{formatter(state, exception)} {exception} {string.Join(' ', state as IEnumerable<KeyValuePair<string, object?>> ?? [])}");

        public void Dispose()
        {
        }
    }
}

/// <summary>PROTOCOL.md: the ?access_token= a browser's EventSource must use is never logged.</summary>
public sealed class StreamLoggingTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task Stream_TokenInQuery_AppearsInNoLogLine()
    {
        var token = await app.TokenAsync("alice");
        var forged = token[..^4] + "AAAA";

        await using (var stream = await LiveStream.OpenAsync(app.BaseUrl, token, inQuery: true)) await stream.NextAsync();
        await using (await LiveStream.OpenAsync(app.BaseUrl, forged, inQuery: true)) { }
        await using (var stream = await LiveStream.OpenAsync(app.BaseUrl, token, lastEventId: 0, inQuery: true)) await stream.NextAsync();

        await Eventually.QuietAsync(300);
        Assert.NotEmpty(app.Lines); // the capture works: start-up lines are there
        Assert.DoesNotContain(app.Lines, line => line.Contains(token[^20..]) || line.Contains(forged[^20..]));
    }
}
