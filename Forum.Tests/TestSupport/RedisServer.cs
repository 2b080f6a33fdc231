using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Forum.Tests.TestSupport;

/// <summary>
/// A throwaway redis-server on a free loopback port, with nothing saved to disk, owned by this process: stopped (by its
/// own process handle) and started again on the same port to play an outage, killed on dispose. A machine without the
/// binary fails the test with the install command; it is never skipped.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string InstallHint = "redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does this)";
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>A StackExchange.Redis connection string for this server (fast reconnects, so outages stay short).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectRetry=5,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static string Binary =>
        Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(InstallHint);

    public async ValueTask InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Environment.TickCount64 + 10_000;
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}");
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"redis-server did not answer on port {Port}");
            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server (its data goes with it, as in a crash) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
