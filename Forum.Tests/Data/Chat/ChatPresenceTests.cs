using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;

namespace Forum.Tests.Data.Chat;

/// <summary>Who is in a room now, how many members are online, and a movie room that goes with its post.</summary>
public class ChatPresenceTests : ChatTest
{
    [Fact]
    public async Task WhoIsHere_MembersOnceEachVisitorsCounted()
    {
        await ArrangeMembersAsync();
        using var bob1 = Db.Presence.Enter(Places.Room(MovieRoom), new PresenceMember(Bob.Id, "Bob", Bob.UserName));
        using var bob2 = Db.Presence.Enter(Places.Room(MovieRoom), new PresenceMember(Bob.Id, "Bob", Bob.UserName));
        using var alice = Db.Presence.Enter(Places.Room(MovieRoom), new PresenceMember(Alice.Id, "Alice", Alice.UserName));
        using var visitor = Db.Presence.Enter(Places.Room(MovieRoom), PresenceMember.Visitor);
        using var lobby = Db.Presence.Enter(Places.Room(ChatRooms.Lobby), new PresenceMember(Carol.Id, "Carol", Carol.UserName));

        var here = Db.ChatQueries.WhoIsHere(MovieRoom.ToUpperInvariant());

        Assert.Equal(MovieRoom, here.Room);
        Assert.Equal([(Alice.Id, Alice.UserName), (Bob.Id, Bob.UserName)], here.Members.Select(m => (m.Id, m.UserName)));
        Assert.Equal(1, here.Visitors);
        var rooms = await Db.ChatQueries.ListRoomsAsync(ct: Ct);
        Assert.Equal(1, Assert.Single(rooms).Online); // no message in the movie room yet: only the lobby is listed
        Assert.Equal(ForumErrorKind.NotFound, Assert.Throws<ForumException>(() => Db.ChatQueries.WhoIsHere("kitchen")).Kind);
    }

    [Fact]
    public async Task OnlineMembers_CountsEachMemberInTheSiteOnce()
    {
        await ArrangeMembersAsync();
        using var a1 = Db.Presence.Enter(Places.Site, new PresenceMember(Alice.Id, "Alice"));
        using var a2 = Db.Presence.Enter(Places.Site, new PresenceMember(Alice.Id, "Alice"));
        using var b = Db.Presence.Enter(Places.Site, new PresenceMember(Bob.Id, "Bob"));

        Assert.Equal(2, Db.ChatQueries.OnlineMembers());
    }

    [Fact]
    public async Task PostDeleted_ItsRoomIsGoneWithItsMessages()
    {
        await ArrangeMembersAsync();
        var post = await Db.Posts.CreateAsync(Alice.Id, new Forum.Data.Posts.NewPost("Alien", 1979, ["Horror"], "In space."), Ct);
        var room = ChatRooms.Movie(post);
        await SayAsync(Bob, "Watching now", room);
        await SayAsync(Bob, "Still in the lobby");

        await Db.Posts.DeleteAsync(Alice.Id, post, Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.ChatQueries.HistoryAsync(Bob.Id, room, ct: Ct));
        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        Assert.Equal(1, await StoredMessagesAsync());
    }
}
