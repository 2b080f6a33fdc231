namespace Forum.Data.Realtime.Redis;

/// <summary>Bound from "Forum:Bus". Without <see cref="Redis"/> the node runs alone on the in-process bus.</summary>
public sealed class RedisBusOptions
{
    public const string Section = "Forum:Bus";

    /// <summary>A StackExchange.Redis connection string ("127.0.0.1:6379", "host:port,password=…"); empty: single node.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the pub/sub channel and of the keys, so several forums can share one Redis.</summary>
    public string Prefix { get; set; } = "forum";

    /// <summary>How long a node's presence entries live without a refresh; a node that died is forgotten after this.</summary>
    public int PresenceTtlSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}
