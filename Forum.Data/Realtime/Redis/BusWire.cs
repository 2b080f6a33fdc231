using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Forum.Data.Realtime.Redis;

/// <summary>
/// One message on the Redis channel: an event for a topic, or a control message (<see cref="Resync"/>). <see cref="Node"/>
/// names the publisher, which has already delivered its own events locally and skips them when they come back.
/// </summary>
public sealed record BusEnvelope(string Node, string? Topic, BusEvent? Event, BusResync? Resync = null);

/// <summary>
/// "I was cut off from Redis and am back": the sender resyncs its own subscribers when this echoes back to it (so it is
/// subscribed again), and the others resync too when <see cref="PublishFailed"/> (they may have missed its events).
/// </summary>
public sealed record BusResync(Guid Id, bool PublishFailed);

/// <summary>
/// JSON for the wire: every <see cref="BusEvent"/> record is written with a "$type" discriminator (its type name), found
/// by reflection so an event added later travels between nodes without being registered here.
/// </summary>
public static class BusWire
{
    public static readonly JsonSerializerOptions Options = Create([typeof(BusEvent).Assembly]);

    public static IReadOnlyList<Type> EventTypes(IEnumerable<Assembly> assemblies) =>
        [.. assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(BusEvent)) && !t.IsAbstract && !t.IsGenericTypeDefinition)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static JsonSerializerOptions Create(IEnumerable<Assembly> assemblies)
    {
        var types = EventTypes(assemblies);
        var duplicates = types.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(BusEvent)) return;
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var type in types)
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, duplicates.Contains(type.Name) ? type.FullName! : type.Name));
        });
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = resolver };
        options.MakeReadOnly();
        return options;
    }

    public static byte[] Serialize(BusEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, Options);

    public static BusEnvelope? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<BusEnvelope>(json, Options);
}
