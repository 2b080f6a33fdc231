namespace Forum.Data;

/// <summary>
/// The system clock at the resolution both databases keep: PostgreSQL's timestamps hold microseconds, .NET's ticks are
/// a tenth of that. A time the services publish (a live chat line, a comment's edit stamp) then equals the time a later
/// read returns, so a keyset cursor taken from a live item never lands between a row and itself.
/// </summary>
public sealed class StoredClock : TimeProvider
{
    public static readonly StoredClock System = new();

    private StoredClock()
    {
    }

    public override DateTimeOffset GetUtcNow() => Truncate(TimeProvider.System.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
