using System.Text.Json;
using Forum.Data.Posts;
using Forum.Data.Realtime;

namespace Forum.App.Features.Realtime.Sockets;

/// <summary>
/// <c>subscribe</c> / <c>unsubscribe</c> with a post id: the post's new and edited comments as <c>comment</c>, and
/// <c>removed</c> when a comment or the post itself goes. Posts are public, so any member may follow one that exists.
/// </summary>
internal sealed class SubscribeEvent(PostQueries posts, LiveFrames frames) : ISocketEventHandler
{
    public string Event => "subscribe";

    public async ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (!SocketEvents.TryReadId(message, out var id) || id is 0 or > int.MaxValue)
        {
            socket.SendError("subscribe needs a post id (a number).");
            return;
        }
        var postId = (int)id;
        if (await posts.GetAsync(postId) is null)
        {
            socket.SendError($"There is no post {postId}.");
            return;
        }
        var key = Key(postId);
        var result = socket.Follow(key, Topics.Post(postId), busEvent =>
        {
            if (busEvent is EventsMissed) socket.SendError($"Some events of post {postId} were missed; reload its comments.");
            else if (frames.For(busEvent, Transport.Socket) is { } frame) socket.Send(frame);
            // Nothing more will come from a removed post.
            if (busEvent is PostRemoved) socket.Unfollow(key);
            return Task.CompletedTask;
        });
        if (result == SocketConnection.FollowResult.Full)
            socket.SendError("This socket follows as many posts as it may; unsubscribe from one first.");
    }

    internal static string Key(int postId) => $"post:{postId}";
}

internal sealed class UnsubscribeEvent : ISocketEventHandler
{
    public string Event => "unsubscribe";

    public ValueTask HandleAsync(SocketConnection socket, JsonElement message)
    {
        if (SocketEvents.TryReadId(message, out var id) && id is > 0 and <= int.MaxValue) socket.Unfollow(SubscribeEvent.Key((int)id));
        else socket.SendError("unsubscribe needs a post id (a number).");
        return ValueTask.CompletedTask;
    }
}
