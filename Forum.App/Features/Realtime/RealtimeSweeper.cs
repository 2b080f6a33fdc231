namespace Forum.App.Features.Realtime;

/// <summary>
/// The one timer of the live transports. Once a second it walks every connection (auth timeouts, heartbeats, keep-alives,
/// token expiry, cutting closes that never finish); every RecheckSeconds it checks all their accounts in one query
/// (a password change publishes no event). On shutdown it closes them, so the host does not wait for hours-long requests.
/// </summary>
public sealed class RealtimeSweeper(LiveServices services, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.ApplicationStopping.Register(CloseAll);
        using var timer = new PeriodicTimer(Tick);
        var nextRecheck = Environment.TickCount64 + services.Options.RecheckSeconds * 1000L;
        Task recheck = Task.CompletedTask;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var nowMs = Environment.TickCount64;
                var snapshot = services.Registry.Snapshot();
                try
                {
                    var now = services.Clock.GetUtcNow();
                    foreach (var connection in snapshot) Sweep(connection, nowMs, now);
                    if (nowMs >= nextRecheck && recheck.IsCompleted)
                    {
                        nextRecheck = nowMs + services.Options.RecheckSeconds * 1000L;
                        recheck = RecheckAsync([.. snapshot], stoppingToken);
                    }
                }
                finally
                {
                    ConnectionRegistry.Return(snapshot);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await LetClosesFinishAsync();
    }

    /// <summary>Shutting down: sockets were sent a close frame; give them the grace period to answer, then cut the rest.</summary>
    private async Task LetClosesFinishAsync()
    {
        var deadline = Environment.TickCount64 + services.Options.CloseGraceSeconds * 1000L;
        while (services.Registry.Sockets + services.Registry.Streams > 0 && Environment.TickCount64 < deadline)
            await Task.Delay(50);
        var snapshot = services.Registry.Snapshot();
        try
        {
            foreach (var connection in snapshot) connection.Shutdown(now: true);
        }
        finally
        {
            ConnectionRegistry.Return(snapshot);
        }
    }

    private void Sweep(LiveConnection connection, long nowMs, DateTimeOffset now)
    {
        try
        {
            connection.Sweep(nowMs, now);
        }
        catch (Exception ex)
        {
            // One broken connection must not stop the sweep for the others.
            services.Logger.LogWarning(ex, "Sweeping a {Transport} failed", connection.Transport);
        }
    }

    /// <summary>Ends every connection whose account is gone or has a new security stamp since its token was issued.</summary>
    private async Task RecheckAsync(LiveConnection[] connections, CancellationToken ct)
    {
        try
        {
            var holders = connections.Where(c => c.UserId is not null).Select(c => (c.UserId!, c.Stamp ?? "")).Distinct().ToList();
            if (holders.Count == 0) return;
            var revoked = await services.Tokens.RevokedAsync(holders, ct);
            if (revoked.Count == 0) return;
            foreach (var connection in connections)
                if (connection.UserId is { } userId && revoked.Contains((userId, connection.Stamp ?? "")))
                    connection.Revoke("Your sign-in was revoked (password changed or signed out everywhere); get a new token.");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            services.Logger.LogWarning(ex, "Re-checking the accounts of open connections failed; trying again later");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void CloseAll()
    {
        var snapshot = services.Registry.Snapshot();
        try
        {
            foreach (var connection in snapshot) connection.Shutdown(now: false);
        }
        finally
        {
            ConnectionRegistry.Return(snapshot);
        }
    }
}
