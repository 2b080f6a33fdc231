using Forum.App.Features.Realtime;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Realtime;

/// <summary>A client that stops reading fills its own bounded queue and is cut; senders never wait for it.</summary>
public sealed class SendQueueTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Send_ToAConnectionThatCannotWrite_NeverWaitsAndCutsItOnceItsQueueIsFull()
    {
        using var meter = new MeterProbe(app.Services);
        var services = app.Get<LiveServices>();
        var stuck = new StuckConnection(services);
        var writer = stuck.RunAsync();

        var accepted = 0;
        var started = Environment.TickCount64;
        for (var i = 0; i < 200; i++) if (stuck.Send(LiveFrames.Ping)) accepted++;
        var elapsed = Environment.TickCount64 - started;

        // The queue holds SendQueueSize frames (one more if the writer took one first); the next one overflows.
        Assert.InRange(accepted, services.Options.SendQueueSize, services.Options.SendQueueSize + 1);
        await Eventually.TrueAsync(() => stuck.Terminations >= 1, "the connection is cut");
        Assert.Equal(1, meter.Sum("forum.realtime.overflow_closes"));
        Assert.InRange(elapsed, 0, 1_000);
        await writer.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    private sealed class StuckConnection(LiveServices services) : LiveConnection(services)
    {
        private readonly TaskCompletionSource _stuck = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int _terminations;

        public int Terminations => Volatile.Read(ref _terminations);

        public override Transport Transport => Transport.Socket;

        public Task RunAsync() => RunWriterAsync(CancellationToken.None);

        protected override ValueTask WriteAsync(byte[] frame, bool flush) => new(_stuck.Task);

        protected override void Terminate()
        {
            Interlocked.Increment(ref _terminations);
            EndQueue();
            _stuck.TrySetException(new IOException("cut"));
        }

        public override void Revoke(string reason) => EndQueue();

        protected override void EndGracefully() => EndQueue();

        internal override void Sweep(long nowMs, DateTimeOffset now)
        {
        }
    }
}
