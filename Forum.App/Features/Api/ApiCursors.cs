using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Forum.App.Features.Api.Tokens;
using Forum.Data;

namespace Forum.App.Features.Api;

/// <summary>
/// Opaque `next` cursors for paged lists (PROTOCOL.md): base64url of a version byte, the keyset values (64-bit, big-endian)
/// and a 12-byte HMAC over the list the cursor belongs to and those values. A client can only hand back a cursor it was
/// given for the same list (same order, filter, post or member): a cut, edited or foreign cursor is a 400 that names the fix,
/// never a 500 and never a page of something else. The key is derived from the token signing key, so every node that
/// shares the configured key accepts the others' cursors.
/// </summary>
public sealed class ApiCursors(JwtKeys keys)
{
    public const int DefaultLimit = 20;
    private const byte Version = 1;
    private const int MacBytes = 12;

    private readonly byte[] _key = HMACSHA256.HashData(keys.SigningKey.Key, "forum-api-cursor"u8);

    /// <summary>How many items a page may hold: the client's wish within 1..<paramref name="max"/>, or the default.</summary>
    public static int Limit(int? limit, int max) => Math.Clamp(limit ?? DefaultLimit, 1, max);

    /// <summary>The cursor for the page after the one that ended at these keyset values.</summary>
    public string Encode(string list, params ReadOnlySpan<long> values)
    {
        var payload = new byte[1 + values.Length * sizeof(long)];
        payload[0] = Version;
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1 + i * sizeof(long)), values[i]);
        return Base64Url.EncodeToString([.. payload, .. Mac(list, payload)]);
    }

    /// <summary>The keyset values in <paramref name="cursor"/> (null for none: the first page), or a 400 for a bad one.</summary>
    public long[]? Decode(string? cursor, string list, int count)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        if (cursor.Length > 200 || !Base64Url.IsValid(cursor)) throw Refused();
        var raw = Base64Url.DecodeFromChars(cursor);
        var payloadLength = 1 + count * sizeof(long);
        if (raw.Length != payloadLength + MacBytes || raw[0] != Version) throw Refused();
        if (!CryptographicOperations.FixedTimeEquals(Mac(list, raw.AsSpan(0, payloadLength)), raw.AsSpan(payloadLength))) throw Refused();
        var values = new long[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt64BigEndian(raw.AsSpan(1 + i * sizeof(long)));
        return values;
    }

    private byte[] Mac(string list, ReadOnlySpan<byte> payload)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes(list), 0, .. payload];
        return HMACSHA256.HashData(_key, signed)[..MacBytes];
    }

    private static ForumException Refused() => ForumException.Invalid(
        "That cursor is not one this list gave out (it is cut short, changed, or from another list or order): " +
        "pass the `next` value exactly as received, or leave `cursor` out to start from the first page.");
}
