using Forum.Data.Chat;
using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forum.Tests.Integration;

/// <summary>Forum:Chat is read from configuration, and a value out of range stops the app at start-up, naming the key.</summary>
public sealed class ChatSettingsTests
{
    [Fact]
    public void Start_ConfiguredChatLimits_AreTheOnesTheServicesUse()
    {
        using var app = new ChatConfiguredApp(("MessagesPerWindow", "12"), ("HistoryPageSize", "30"));

        var options = app.Services.GetRequiredService<IOptions<ChatOptions>>().Value;

        Assert.Equal((12, 5, 10, 30), (options.MessagesPerWindow, options.WindowSeconds, options.DuplicateSeconds, options.HistoryPageSize));
    }

    [Theory]
    [InlineData("MessagesPerWindow", "0")]
    [InlineData("WindowSeconds", "0")]
    [InlineData("DuplicateSeconds", "-1")]
    [InlineData("HistoryPageSize", "500")]
    public void Start_WithAnInvalidChatSetting_FailsNamingIt(string key, string value)
    {
        using var app = new ChatConfiguredApp((key, value));

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains($"Forum:Chat:{key}", error.ToString());
    }

    private sealed class ChatConfiguredApp(params (string Key, string Value)[] settings) : ForumAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings.ToDictionary(s => $"Forum:Chat:{s.Key}", s => (string?)s.Value)));
        }
    }
}
