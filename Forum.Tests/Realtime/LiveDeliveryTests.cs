using System.Security.Claims;
using Bunit;
using Forum.App.Features.Messages;
using Forum.Data.Messages;
using Forum.Data.Realtime;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Forum.Tests.Realtime;

/// <summary>One comment, every place the member looks: two sockets, a stream and an open page, all from the same bus.</summary>
public sealed class LiveDeliveryTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Comment_ThroughCommentService_ReachesBothSocketsTheStreamAndTheOpenCircuitWithTheSameCount()
    {
        var thread = await LiveScenario.CreateAsync(app);
        await thread.CommentAsync("an earlier one");
        await using var phone = await app.SignedInSocketAsync(thread.Owner);
        await using var laptop = await app.SignedInSocketAsync(thread.Owner);
        await using var stream = await LiveStream.OpenAsync(app.BaseUrl, await app.TokenAsync(thread.Owner));
        Assert.Equal("""{"count":1,"version":1}""", (await stream.NextAsync()).Data);
        await using var circuit = CircuitOf(thread.OwnerId);
        var badge = circuit.Render<UnreadBadge>(p => p.Add(b => b.UserId, thread.OwnerId));
        badge.WaitForAssertion(() => Assert.Equal("1", badge.Find("#unread-count").TextContent));

        var comment = await thread.CommentAsync("Seen everywhere");

        foreach (var socket in new[] { phone, laptop })
        {
            var entry = await socket.NextAsync("notification");
            Assert.Equal((comment.Id, thread.PostId, thread.Writer, "Seen everywhere", "comment"),
                (entry.GetProperty("commentId").GetInt32(), entry.GetProperty("postId").GetInt32(), entry.GetProperty("actor").GetString(),
                    entry.GetProperty("excerpt").GetString(), entry.GetProperty("kind").GetString()));
            var count = await socket.NextAsync();
            Assert.Equal(("message", 2, 2L), (count.GetProperty("event").GetString(), count.GetProperty("message").GetInt32(), count.GetProperty("version").GetInt64()));
        }
        var notification = await stream.NextAsync();
        Assert.Equal(("notification", comment.Id), (notification.Event, notification.Json.GetProperty("commentId").GetInt32()));
        Assert.Equal(notification.Json.GetProperty("id").GetInt64().ToString(), notification.Id);
        var message = await stream.NextAsync();
        Assert.Equal(("message", """{"count":2,"version":2}"""), (message.Event, message.Data));
        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("#unread-count").TextContent));
        Assert.Equal(2, (await app.Get<MessageService>().GetUnreadAsync(thread.OwnerId, Xunit.TestContext.Current.CancellationToken)).Count);
    }

    /// <summary>A Blazor circuit's services for the member, sharing the running app's bus and message service.</summary>
    private BunitContext CircuitOf(string userId)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(app.Get<INotificationBus>());
        context.Services.AddSingleton(app.Get<MessageService>());
        context.Services.AddScoped<UnreadState>();
        var auth = context.AddAuthorization();
        auth.SetAuthorized("owner");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return context;
    }
}
