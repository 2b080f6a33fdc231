namespace Forum.Tests.Data.Chat;

/// <summary>
/// Two members writing to each other for the first time at the same moment share one conversation. On SQLite the
/// write lock serialises them; on PostgreSQL (read committed) both would find no conversation and both insert one.
/// </summary>
public class ChatDirectRaceTests : ChatTest
{
    [Fact]
    public async Task SendDirectAsync_FirstMessagesBothWaysAtOnce_OneConversationHoldsBoth()
    {
        await ArrangeMembersAsync();

        Task<Forum.Data.Chat.ChatMessageView>[] sends;
        await using (await Db.HoldWriteLockAsync())
        {
            // Both look the pair up (no conversation yet) and queue behind the lock; on release they race to create it.
            sends = [Task.Run(() => WhisperAsync(Alice, Bob, "Hi Bob"), Ct), Task.Run(() => WhisperAsync(Bob, Alice, "Hi Alice"), Ct)];
            await Task.Delay(TimeSpan.FromMilliseconds(400), Ct);
        }
        var sent = await Task.WhenAll(sends);

        Assert.Single(sent.Select(m => m.ConversationId).Distinct());
        Assert.Equal(1, await Db.QueryAsync(db => Task.FromResult(db.Conversations.Count())));
        var alices = await Db.ChatQueries.ConversationAsync(Alice.Id, Bob.UserName, ct: Ct);
        Assert.Equal(sent.Select(m => m.Id).Order(), alices.Page.Items.Select(m => m.Id));
    }
}
