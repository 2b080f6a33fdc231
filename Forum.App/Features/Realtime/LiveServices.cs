using Forum.App.Features.Api.Tokens;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Microsoft.Extensions.Options;

namespace Forum.App.Features.Realtime;

/// <summary>What every live connection needs, in one singleton: a connection holds one reference instead of ten.</summary>
public sealed class LiveServices(
    INotificationBus bus, MessageService messages, TokenValidation tokens, LiveFrames frames, ConnectionRegistry registry,
    RealtimeMetrics metrics, IOptions<RealtimeOptions> options, IOptions<JwtOptions> jwt, TimeProvider clock, ILogger<LiveServices> logger)
{
    public INotificationBus Bus { get; } = bus;
    public MessageService Messages { get; } = messages;
    public TokenValidation Tokens { get; } = tokens;
    public LiveFrames Frames { get; } = frames;
    public ConnectionRegistry Registry { get; } = registry;
    public RealtimeMetrics Metrics { get; } = metrics;
    public RealtimeOptions Options { get; } = options.Value;
    public TimeSpan ClockSkew { get; } = TimeSpan.FromSeconds(jwt.Value.ClockSkewSeconds);
    public TimeProvider Clock { get; } = clock;
    public ILogger Logger { get; } = logger;
}
