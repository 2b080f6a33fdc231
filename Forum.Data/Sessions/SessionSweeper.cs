using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Sessions;

/// <summary>
/// Five minutes after start and then every <see cref="Every"/>, deletes the sessions that ended (<see cref="SessionService.PurgeEndedAsync"/>), so members
/// who never sign in again leave no rows behind. Idempotent: each node of a cluster may run it.
/// </summary>
public sealed class SessionSweeper(SessionService sessions, ILogger<SessionSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(6);

    /// <summary>The first run: not during start-up, but soon enough that a node restarted more often than <see cref="Every"/> still sweeps.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(First, stoppingToken);
            using var timer = new PeriodicTimer(Every);
            do await PurgeAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PurgeAsync(CancellationToken ct)
    {
        try
        {
            var purged = await sessions.PurgeEndedAsync(ct);
            if (purged > 0) log.LogInformation("Purged {Count} ended sessions", purged);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A busy or unreachable database: the next run catches up.
            log.LogWarning(ex, "Session purge failed");
        }
    }
}
