using System.Diagnostics;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Bench.Chat;

/// <param name="SenderCall">ChatService.SendAsync as the sender waits for it: validation, the insert, the publish.</param>
/// <param name="LastDelivery">From the send's start to the moment the last subscriber's handler ran.</param>
/// <param name="PerMessagePerSecond">Subscribers ÷ the median send → last delivery: one message at a time, SQLite write included.</param>
/// <param name="BurstPerSecond">Deliveries per second of the bus alone, <see cref="FanoutBench.Burst"/> events published back to back.</param>
/// <param name="Publish">One PublishAsync on the bus: the part of the sender's call that grows with the room.</param>
public sealed record FanoutResult(int Subscribers, Stat SenderCall, Stat LastDelivery, double PerMessagePerSecond, double BurstPerSecond, Stat Publish);

/// <summary>
/// One message to a room with N bus subscribers (stand-ins for circuits: each handler counts the delivery, as a circuit's
/// would queue a render), sent through the real ChatService on the seeded file with the real flood rules (senders rotate).
/// </summary>
public static class FanoutBench
{
    public const int Burst = 100;

    public static async Task<FanoutResult> RunAsync(IServiceProvider sp, string room, int subscribers, string[] senders, int warmup, int runs)
    {
        var bus = sp.GetRequiredService<INotificationBus>();
        var chat = sp.GetRequiredService<ChatService>();
        long delivered = 0, target = 0, lastAt = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = Enumerable.Range(0, subscribers).Select(_ => bus.Subscribe(Topics.Room(room), e =>
        {
            if (e is ChatPosted && Interlocked.Increment(ref delivered) == Volatile.Read(ref target))
            {
                Volatile.Write(ref lastAt, Stopwatch.GetTimestamp());
                done.TrySetResult();
            }
            return Task.CompletedTask;
        })).ToList();
        var sent = 0;
        Task Send() => chat.SendAsync(senders[sent % senders.Length], room, $"Fan-out message {sent++} to {subscribers}", Guid.NewGuid());

        async Task<(double Call, double Last)> OneAsync()
        {
            (delivered, done) = (0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Write(ref target, subscribers);
            var start = Stopwatch.GetTimestamp();
            await Send();
            var call = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return (call, Stopwatch.GetElapsedTime(start, Volatile.Read(ref lastAt)).TotalMilliseconds);
        }

        for (var i = 0; i < warmup; i++) await OneAsync();
        GC.Collect();
        var (calls, lasts) = (new double[runs], new double[runs]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++) (calls[i], lasts[i]) = await OneAsync();
        clock.Stop();

        // The bus alone, without SQLite in the way: Burst events published back to back (as many writers would), the clock
        // stopping when the last subscriber has had the last one. This is the fan-out's own capacity.
        var view = await chat.SendAsync(senders[sent % senders.Length], room, $"Burst template {sent++}", Guid.NewGuid());
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (delivered, done) = (0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref target, (long)subscribers * Burst);
        var publishes = new double[Burst];
        var burst = Stopwatch.StartNew();
        for (var i = 0; i < Burst; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bus.PublishAsync(Topics.Room(room), new ChatPosted(view with { Id = view.Id + i }));
            publishes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var burstRate = subscribers * (double)Burst / burst.Elapsed.TotalSeconds;

        foreach (var s in subscriptions) s.Dispose();
        var lastStat = Measure.Summarize("send → last delivery", lasts, clock.Elapsed);
        return new FanoutResult(subscribers, Measure.Summarize("sender's call", calls, clock.Elapsed), lastStat,
            subscribers / (lastStat.P50 / 1000), burstRate, Measure.Summarize("publish", publishes, burst.Elapsed));
    }
}
