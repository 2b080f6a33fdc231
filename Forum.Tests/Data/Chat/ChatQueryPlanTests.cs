using Forum.Data;
using Forum.Data.Chat;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Chat;

/// <summary>Every chat read walks an index in its own order: a SEARCH on the index named, no sort in a temp B-tree, no SCAN.</summary>
public sealed class ChatQueryPlanTests : ChatTest
{
    public static TheoryData<string, string[]> Queries => new()
    {
        { "room latest", ["IX_ChatMessages_Room_Id (Room=?)"] },
        { "room earlier", ["IX_ChatMessages_Room_Id (Room=? AND Id<?)"] },
        { "room after", ["IX_ChatMessages_Room_Id (Room=? AND Id>?)"] },
        { "room latest, viewer ignores", ["IX_ChatMessages_Room_Id (Room=?)", "sqlite_autoindex_MemberIgnores_1 (UserId=? AND IgnoredUserId=?)"] },
        { "conversation latest", ["IX_ChatMessages_ConversationId_Id (ConversationId=?)"] },
        { "conversation earlier", ["IX_ChatMessages_ConversationId_Id (ConversationId=? AND Id<?)"] },
        { "conversation after", ["IX_ChatMessages_ConversationId_Id (ConversationId=? AND Id>?)"] },
        {
            "my conversations",
            ["IX_ConversationMembers_UserId_LastMessageAt_ConversationId (UserId=? AND LastMessageAt>?)",
             "IX_ChatMessages_ConversationId_Id (ConversationId=? AND Id>?)"]
        },
        {
            "my conversations, next page",
            ["IX_ConversationMembers_UserId_LastMessageAt_ConversationId (UserId=? AND LastMessageAt>? AND LastMessageAt<?)",
             "IX_ChatMessages_ConversationId_Id (ConversationId=? AND Id>?)"]
        },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_SearchesItsIndexWithoutSortingOrScanning(string which, string[] searches)
    {
        await ArrangeMembersAsync();
        await Db.Chat.IgnoreAsync(Bob.Id, Carol.UserName, Ct);
        for (var i = 0; i < 20; i++)
        {
            await SayAsync(Alice, $"Lobby {i}");
            await WhisperAsync(i % 2 == 0 ? Alice : Bob, i % 2 == 0 ? Bob : Alice, $"Private {i}");
        }
        var cursor = new ConversationCursor(Db.Clock.GetUtcNow().UtcDateTime, 1_000);

        var plan = await ExplainAsync<object>(db => which switch
        {
            "room latest" => ChatQueries.RoomPageQuery(db, ChatRooms.Lobby, null, null, 51),
            "room earlier" => ChatQueries.RoomPageQuery(db, ChatRooms.Lobby, null, 1_000, 51),
            "room after" => ChatQueries.RoomAfterQuery(db, ChatRooms.Lobby, null, 10, 51),
            "room latest, viewer ignores" => ChatQueries.RoomPageQuery(db, ChatRooms.Lobby, Bob.Id, null, 51),
            "conversation latest" => ChatQueries.ConversationPageQuery(db, 1, Bob.Id, null, 51),
            "conversation earlier" => ChatQueries.ConversationPageQuery(db, 1, Bob.Id, 1_000, 51),
            "conversation after" => ChatQueries.ConversationAfterQuery(db, 1, Bob.Id, 10, 51),
            "my conversations" => ChatQueries.ConversationsPageQuery(db, Bob.Id, null, 21),
            "my conversations, next page" => ChatQueries.ConversationsPageQuery(db, Bob.Id, cursor, 21),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        });

        foreach (var search in searches) Assert.Contains(plan, l => l.StartsWith("SEARCH") && l.Contains(search));
        Assert.DoesNotContain(plan, l => l.Contains("TEMP B-TREE"));
        Assert.DoesNotContain(plan, l => l.StartsWith("SCAN") && !l.StartsWith("SCAN CONSTANT ROW") && !IsSubqueryResult(l));
    }

    /// <summary>EF wraps a LIMITed inner query in a subquery; SQLite scans that small result, not a table.</summary>
    private static bool IsSubqueryResult(string line) => line.Split(' ') is [_, var name, ..] && name.Length <= 3 && name.EndsWith('0');

    private Task<List<string>> ExplainAsync<T>(Func<ForumDbContext, IQueryable<T>> query) => Db.QueryAsync(async db =>
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = query(db).CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(3));
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        return lines;
    });
}
