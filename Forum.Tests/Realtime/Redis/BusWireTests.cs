using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Data.Realtime.Redis;

namespace Forum.Tests.Realtime.Redis;

/// <summary>Events cross nodes as JSON with a type discriminator, and come back equal.</summary>
public sealed class BusWireTests
{
    public static TheoryData<BusEvent> Events => new()
    {
        new UnreadChanged("u1", 3, 42),
        new NotificationAdded("u1", new MessageItem(7, NotificationKind.CommentOnPost, "Ann", "ann", 5, "Heat", 9, "Nice", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), false)),
        new CommentAdded(new CommentView(9, 5, null, "u2", "Ann", "ann", "Nice", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc))),
        new CommentRemoved(5, 9),
        new SignedOut("u1", null),
        new PresenceChanged("post:5", new PresenceMember("u1", "Ann", "ann"), true, 2),
        new ChatPosted(new ChatMessageView(11, "lobby", null, new ChatMember("u1", "ann", "Ann"), null, "hi", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), false)),
        new ConversationRead("u1", 3, 11),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_Event_RoundTripsToAnEqualRecordOfTheSameType(BusEvent busEvent)
    {
        var json = BusWire.Serialize(new BusEnvelope("node", "topic", busEvent));

        var back = BusWire.Deserialize(json);

        Assert.NotNull(back);
        Assert.Equal(busEvent.GetType(), back.Event!.GetType());
        Assert.Equal(busEvent, back.Event);
        Assert.Equal(("node", "topic"), (back.Node, back.Topic));
        Assert.Contains($"\"$type\":\"{busEvent.GetType().Name}\"", System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void EventTypes_EveryConcreteBusEventInForumData_HasADiscriminator()
    {
        var types = BusWire.EventTypes([typeof(BusEvent).Assembly]);

        Assert.Contains(typeof(DirectDeleted), types);
        Assert.Contains(typeof(IgnoreChanged), types);
        foreach (var type in types)
            Assert.Contains(BusWire.Options.GetTypeInfo(typeof(BusEvent)).PolymorphismOptions!.DerivedTypes, d => d.DerivedType == type);
    }

    [Fact]
    public void Deserialize_UnknownEventType_Throws()
    {
        var json = """{"node":"n","topic":"t","event":{"$type":"NoSuchEvent","x":1}}"""u8.ToArray();

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BusWire.Deserialize(json));
    }
}
