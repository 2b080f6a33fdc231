using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;

namespace Forum.Tests.TestSupport;

/// <summary>An EventSource client: reads /api/stream line by line into events (and counts the ":" comment lines).</summary>
public sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly Channel<StreamEvent> _events = Channel.CreateUnbounded<StreamEvent>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _comments;

    private LiveStream(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
    }

    public HttpResponseMessage Response => _response;

    public int Comments => Volatile.Read(ref _comments);

    /// <summary>Opens the stream with the token in the header, or (<paramref name="inQuery"/>) as ?access_token= like a browser.</summary>
    public static async Task<LiveStream> OpenAsync(string baseUrl, string? token, long? lastEventId = null, bool inQuery = false)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, inQuery ? $"/api/stream?access_token={Uri.EscapeDataString(token!)}" : "/api/stream");
        if (token is not null && !inQuery) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var stream = new LiveStream(client, response);
        if (response.IsSuccessStatusCode) _ = stream.PumpAsync();
        else stream._ended.TrySetResult();
        return stream;
    }

    public async Task<StreamEvent> NextAsync(int timeoutMs = 10_000)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(timeoutMs);
        try
        {
            if (await _events.Reader.WaitToReadAsync(timeout.Token) && _events.Reader.TryRead(out var e)) return e;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"No event within {timeoutMs} ms");
        }
        Assert.Fail("The stream ended before another event came");
        return null!;
    }

    public async Task ExpectQuietAsync(int ms = 300)
    {
        await Task.Delay(ms, Ct);
        Assert.False(_events.Reader.TryPeek(out var extra), $"Unexpected event: {extra}");
    }

    /// <summary>Completes when the server ended the response.</summary>
    public Task EndedAsync(int timeoutMs = 10_000) => _ended.Task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs), Ct);

    private async Task PumpAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            string? name = null, id = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0) _events.Writer.TryWrite(new StreamEvent(name ?? "message", id, data.ToString()));
                    (name, id) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith(':')) Interlocked.Increment(ref _comments);
                else if (line.StartsWith("event: ")) name = line[7..];
                else if (line.StartsWith("id: ")) id = line[4..];
                else if (line.StartsWith("data: ")) data.Append(line[6..]);
            }
        }
        catch (Exception)
        {
            // Cut: counts as ended.
        }
        finally
        {
            _events.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed record StreamEvent(string Event, string? Id, string Data)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Data).RootElement;
}
