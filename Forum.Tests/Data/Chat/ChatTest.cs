using Forum.Data.Chat;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Chat;

/// <summary>A member as chat tests address them: by id for the services, by user name for @mentions and conversations.</summary>
public sealed record Member(string Id, string UserName);

/// <summary>Chat service tests: three members (Alice, Bob, Carol) and a movie post with its room.</summary>
public abstract class ChatTest : DatabaseTest
{
    protected Member Alice { get; private set; } = null!;
    protected Member Bob { get; private set; } = null!;
    protected Member Carol { get; private set; } = null!;
    protected int Movie { get; private set; }
    protected string MovieRoom => ChatRooms.Movie(Movie);

    /// <summary>Tests about paging and privacy send many messages quickly: the flood rules have their own tests.</summary>
    protected virtual bool RelaxFloodRules => true;

    protected override void ConfigureServices(IServiceCollection services)
    {
        if (RelaxFloodRules)
            services.Configure<ChatOptions>(o => (o.MessagesPerWindow, o.DuplicateSeconds) = (100_000, 0));
    }

    protected async Task ArrangeMembersAsync()
    {
        Alice = await AddMemberAsync("Alice");
        Bob = await AddMemberAsync("Bob");
        Carol = await AddMemberAsync("Carol");
        Movie = await Db.AddPostAsync(Alice.Id, "Heat");
    }

    protected async Task<Member> AddMemberAsync(string displayName)
    {
        var id = await Db.AddUserAsync(displayName);
        return new Member(id, await Db.UserNameAsync(id));
    }

    protected Task<ChatMessageView> SayAsync(Member who, string text, string room = ChatRooms.Lobby) =>
        Db.Chat.SendAsync(who.Id, room, text, ct: Ct);

    protected Task<ChatMessageView> WhisperAsync(Member from, Member to, string text) =>
        Db.Chat.SendDirectAsync(from.Id, to.UserName, text, ct: Ct);

    protected Task<int> StoredMessagesAsync() => Db.QueryAsync(db => Task.FromResult(db.ChatMessages.Count()));

    /// <summary>Every page of a room from the latest back to the first, as "earlier messages" clicks would load them.</summary>
    protected async Task<List<ChatPage>> ReadBackAsync(Member? viewer, string room, int pageSize)
    {
        var pages = new List<ChatPage> { await Db.ChatQueries.HistoryAsync(viewer?.Id, room, take: pageSize, ct: Ct) };
        while (pages[^1].More)
            pages.Add(await Db.ChatQueries.HistoryAsync(viewer?.Id, room, pages[^1].Items[0].Id, pageSize, Ct));
        return pages;
    }
}
