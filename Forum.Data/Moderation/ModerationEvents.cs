using Forum.Data.Realtime;

namespace Forum.Data.Moderation;

/// <summary>A case in the reports queue was opened, reported again, claimed or resolved; on <see cref="ModerationTopics.Queue"/>.</summary>
public sealed record CaseChanged(long CaseId) : BusEvent;

public static class ModerationTopics
{
    /// <summary>The moderators' topic: open admin pages refresh their queue and counts from it.</summary>
    public const string Queue = "moderation:queue";
}

/// <summary>Events an action will publish once its transaction has committed (never before).</summary>
internal sealed class AfterCommit
{
    private readonly List<(string Topic, BusEvent Event)> _events = [];

    public void Add(string topic, BusEvent busEvent) => _events.Add((topic, busEvent));

    public async Task PublishAsync(INotificationBus bus)
    {
        foreach (var (topic, busEvent) in _events) await bus.PublishAsync(topic, busEvent);
    }
}
