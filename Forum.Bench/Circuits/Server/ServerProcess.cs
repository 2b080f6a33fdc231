using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forum.Bench.Circuits.Server;

/// <summary>What to start: a built web project's dll, run from its project folder like `dotnet run` does.</summary>
public sealed record ServerSpec(string Name, string ProjectDir, string Dll, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// The server under test as a separate process: `dotnet X.dll` in Production on 127.0.0.1, pinned to one core with
/// taskset when asked, with a raised open-files limit. Started through `exec`, so the PID is the app's own
/// (the diagnostics client and /proc read that PID). Killed by that PID when disposed.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ServerLog _log;

    public Uri BaseUri { get; }
    public int Pid => _process.Id;
    public string LogPath { get; }

    private ServerProcess(Process process, Uri baseUri, string logPath, ServerLog log) =>
        (_process, BaseUri, LogPath, _log) = (process, baseUri, logPath, log);

    public static async Task<ServerProcess> StartAsync(ServerSpec spec, int? cpu, string logDir, CancellationToken ct)
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo { WorkingDirectory = spec.ProjectDir, RedirectStandardOutput = true, RedirectStandardError = true };
        if (cpu is { } c && File.Exists("/usr/bin/taskset")) { info.FileName = "taskset"; info.ArgumentList.Add("-c"); info.ArgumentList.Add(c.ToString()); info.ArgumentList.Add("bash"); }
        else info.FileName = "bash";
        // 10,000 circuits need 10,000+ sockets: raise the soft limit up to the hard one, then become the app (exec keeps the PID).
        foreach (var a in new[] { "-c", "ulimit -n $(ulimit -Hn); exec \"$@\"", "bash", "dotnet", spec.Dll, "--urls", baseUri.ToString().TrimEnd('/') })
            info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (k, v) in spec.Environment) info.Environment[k] = v;

        var logPath = Path.Combine(logDir, $"{spec.Name}-server.log");
        var log = new ServerLog(logPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + spec.Dll);
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, baseUri, logPath, log);
        try
        {
            await server.WaitUntilServingAsync(ct);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited ({_process.ExitCode}); see {LogPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/Account/Login"), ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The server did not answer within 90 s; see {LogPath}.");
    }

    public TimeSpan CpuTime => ProcessCpu.Of(Pid);
    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _log.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's output; lines may still arrive while it dies, so writing after Close is ignored.</summary>
    private sealed class ServerLog(string path)
    {
        private readonly StreamWriter _writer = new(path) { AutoFlush = true };
        private bool _closed;

        public void Write(string? line)
        {
            lock (_writer) if (line is not null && !_closed) _writer.WriteLine(line);
        }

        public void Close()
        {
            lock (_writer)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }
}
