using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forum.Data.Sessions;

/// <summary>
/// Every <see cref="Every"/>, deletes the sessions that ended (<see cref="SessionService.PurgeEndedAsync"/>), so members
/// who never sign in again leave no rows behind. Idempotent: each node of a cluster may run it.
/// </summary>
public sealed class SessionSweeper(SessionService sessions, ILogger<SessionSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await sessions.PurgeEndedAsync(stoppingToken);
                    if (purged > 0) log.LogInformation("Purged {Count} ended sessions", purged);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy or unreachable database: the next run catches up.
                    log.LogWarning(ex, "Session purge failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
