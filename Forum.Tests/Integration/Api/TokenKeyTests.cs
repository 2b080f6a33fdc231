using Forum.App.Features.Api.Tokens;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Integration.Api;

/// <summary>The signing key: generated and kept when none is configured; a weak configured one stops a deployed forum.</summary>
public sealed class TokenKeyTests
{
    [Theory]
    [InlineData("too-short-key")]
    [InlineData("please-change-me-before-going-live-0123456789")]
    public void Start_InProductionWithWeakKey_IsRefused(string key)
    {
        using var app = new KeyedAppFactory("Production", key);

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Forum:Jwt:Key", error.ToString());
    }

    [Fact]
    public void Start_WithoutConfiguredKey_GeneratesOneAndKeepsItAcrossRestarts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "forum-tests", Guid.NewGuid().ToString("N"));
        byte[] first, second;
        using (var app = new KeyedAppFactory("Production", null, dir)) first = app.Services.GetRequiredService<JwtKeys>().SigningKey.Key;
        using (var app = new KeyedAppFactory("Production", null, dir)) second = app.Services.GetRequiredService<JwtKeys>().SigningKey.Key;

        Assert.Equal(first, second);
        Assert.Equal(64, first.Length);
        Assert.True(File.Exists(Path.Combine(dir, JwtKeys.FileName)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private sealed class KeyedAppFactory(string environment, string? key, string? dataDir = null) : ForumAppFactory
    {
        protected override string EnvironmentName => environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var settings = new Dictionary<string, string?> { ["Forum:Jwt:Key"] = key };
            if (dataDir is not null) settings["Forum:Data:Directory"] = dataDir;
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        }
    }
}
