namespace Forum.Tests.TestSupport;

/// <summary>A clock that stands still until a test moves it, so timestamps (and ties between them) are chosen, not raced.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>
    /// Deliberately not a round second: the 6 fractional digits must survive the trip through SQLite and PostgreSQL
    /// (microseconds, what both keep: the app's <see cref="Forum.Data.StoredClock"/> ticks at that resolution too).
    /// </summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public ManualClock() : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock) _now += by;
    }
}
