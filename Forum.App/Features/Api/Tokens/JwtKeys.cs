using System.Security.Cryptography;
using System.Text;
using Forum.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Forum.App.Features.Api.Tokens;

/// <summary>
/// The signing key: the configured one, or one generated on first run and kept in the data directory (never in the
/// repository). A deployed forum refuses to start with a placeholder or a key shorter than 32 bytes.
/// </summary>
public sealed class JwtKeys
{
    public const int MinKeyBytes = 32;
    public const string FileName = "jwt-signing.key";
    private static readonly string[] Placeholders = ["change", "placeholder", "secret", "example", "your-key", "xxx"];

    public JwtKeys(IOptions<JwtOptions> options, IOptions<ForumDataOptions> data, IHostEnvironment env, ILogger<JwtKeys> logger)
    {
        var configured = options.Value.Key;
        if (!string.IsNullOrEmpty(configured))
        {
            if (Problem(configured) is { } problem)
            {
                if (!env.IsDevelopment()) throw new InvalidOperationException($"Forum:Jwt:Key {problem}. Configure a random key of at least {MinKeyBytes} bytes.");
                logger.LogWarning("Forum:Jwt:Key {Problem}; a deployed forum refuses to start with it", problem);
            }
            SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
            return;
        }
        SigningKey = new SymmetricSecurityKey(LoadOrCreate(Path.Combine(data.Value.ResolveDirectory(env.ContentRootPath), FileName), logger));
    }

    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>Why <paramref name="key"/> is unfit, or null.</summary>
    public static string? Problem(string key) =>
        Encoding.UTF8.GetByteCount(key) < MinKeyBytes ? $"is shorter than {MinKeyBytes} bytes"
        : Placeholders.Any(p => key.Contains(p, StringComparison.OrdinalIgnoreCase)) ? "looks like a placeholder"
        : null;

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var key = RandomNumberGenerator.GetBytes(64);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // CreateNew: two nodes starting on one data directory keep the key the first one wrote.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(key));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogInformation("Generated a token signing key in {Path}", path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
