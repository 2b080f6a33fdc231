using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forum.Bench.Nodes;

/// <summary>A throwaway redis-server on a free loopback port, nothing saved, killed by its own PID when disposed.</summary>
public sealed class BenchRedis : IDisposable
{
    private readonly Process _process;

    private BenchRedis(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public static async Task<BenchRedis> StartAsync(CancellationToken ct)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no" }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new BenchRedis(process, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        redis.Dispose();
        throw new TimeoutException($"redis-server did not listen on {port}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
