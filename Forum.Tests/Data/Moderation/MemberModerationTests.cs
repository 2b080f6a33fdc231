using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Comments;
using Forum.Data.Moderation;
using Forum.Data.Posts;
using Forum.Data.Realtime;
using Forum.Data.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Moderation;

/// <summary>Bans and mutes bite at once at every write door; who may ban whom; lockouts; idempotence.</summary>
public class MemberModerationTests : ModerationTest
{
    private SessionService Sessions => Db.Services.GetRequiredService<SessionService>();

    [Fact]
    public async Task BanAsync_BlocksCommentPostAndChatWritesImmediately_RevokesSessionsAndSignsOut()
    {
        await StaffAsync();
        var post = await Db.AddPostAsync(Bob);
        await Sessions.StartAsync(new NewSession("s1", Alice, "test", null), Ct);
        var stamp = await Db.QueryAsync(db => db.Users.Where(u => u.Id == Alice).Select(u => u.SecurityStamp).SingleAsync(Ct));

        Assert.True(await Members.BanAsync(Mod, await Db.UserNameAsync(Alice), "Spamming", 60, Ct));

        Func<Task>[] writes =
        [
            () => Db.Comments.AddAsync(Alice, new NewComment(post, "Still here?"), Ct),
            () => Db.Posts.CreateAsync(Alice, new NewPost("Alien", 1979, ["Horror"], "In space."), Ct),
            () => Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Hello", ct: Ct),
        ];
        foreach (var write in writes)
        {
            var ex = await Assert.ThrowsAsync<ForumException>(write);
            Assert.Equal(ForumErrorKind.Forbidden, ex.Kind);
            Assert.Contains("banned until", ex.Message);
            Assert.Contains("Spamming", ex.Message);
        }
        Assert.False(await Sessions.IsLiveAsync("s1", Alice, Ct));
        Assert.NotEqual(stamp, await Db.QueryAsync(db => db.Users.Where(u => u.Id == Alice).Select(u => u.SecurityStamp).SingleAsync(Ct)));
        Assert.Single(Db.Bus.EventsOn<SignedOut>(Topics.User(Alice)), e => e.SessionId is null);
        Assert.Equal(1, await Db.QueryAsync(db => db.Users.CountAsync(u => u.Id == Alice && u.LockoutEnd != null, Ct)));

        Db.Clock.Advance(TimeSpan.FromMinutes(61));
        await Db.Comments.AddAsync(Alice, new NewComment(post, "Back."), Ct);
    }

    [Fact]
    public void AccountStanding_AsWired_IsTheModerationStanding() =>
        Assert.IsType<ModerationStanding>(Db.Services.GetRequiredService<Forum.Data.Users.IAccountStanding>());

    [Fact]
    public async Task MuteAsync_MayNotWrite_UnmuteLiftsIt()
    {
        await StaffAsync();
        var alice = await Db.UserNameAsync(Alice);
        await Members.MuteAsync(Mod, alice, "Cool off", null, Ct);

        var ex = await Assert.ThrowsAsync<ForumException>(() => Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Hi", ct: Ct));
        Assert.Contains("muted permanently", ex.Message);
        Assert.Empty(Db.Bus.EventsOn<SignedOut>(Topics.User(Alice)));

        Assert.True(await Members.UnmuteAsync(Mod, alice, "Done", Ct));
        Assert.False(await Members.UnmuteAsync(Mod, alice, "Done", Ct));
        await Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Hi", ct: Ct);
    }

    [Fact]
    public async Task BanAsync_Twice_OneActionOneAuditRow_UnbanRestores()
    {
        await StaffAsync();
        var alice = await Db.UserNameAsync(Alice);

        Assert.True(await Members.BanAsync(Mod, alice, "Spam", null, Ct));
        Assert.False(await Members.BanAsync(Mod, alice, "Spam", null, Ct));
        Assert.True(await Members.UnbanAsync(Mod, alice, "Appeal", Ct));

        Assert.Equal(["ban", "unban"], (await AuditAsync()).Select(a => a.Action));
        Assert.Equal(("none", "banned permanently"), ((await AuditAsync())[0].Before, (await AuditAsync())[0].After));
        await Db.Chat.SendAsync(Alice, ChatRooms.Lobby, "Thanks", ct: Ct);
        Assert.Equal(0, await Db.QueryAsync(db => db.Users.CountAsync(u => u.Id == Alice && u.LockoutEnd != null, Ct)));
    }

    [Fact]
    public async Task BanAsync_ModeratorOnAdminModeratorOrSelf_Refused_AdminMayBanModerator()
    {
        await StaffAsync();
        var other = await Db.AddUserAsync("Otto");
        await Db.QueryAsync(async db => { await ForumRoles.AddAsync(db, other, ForumRoles.Moderator, Ct); return 0; });

        foreach (var (target, kind) in new[] { (Admin, ForumErrorKind.Forbidden), (other, ForumErrorKind.Forbidden), (Mod, ForumErrorKind.Invalid) })
        {
            var ex = await Assert.ThrowsAsync<ForumException>(async () => await Members.BanAsync(Mod, await Db.UserNameAsync(target), "No", null, Ct));
            Assert.Equal(kind, ex.Kind);
        }
        var member = await Assert.ThrowsAsync<ForumException>(async () => await Members.BanAsync(Bob, await Db.UserNameAsync(Alice), "No", null, Ct));
        Assert.Equal(ForumErrorKind.Forbidden, member.Kind);
        Assert.Empty(await AuditAsync());

        Assert.True(await Members.BanAsync(Admin, await Db.UserNameAsync(other), "Abused the role", 10, Ct));
    }

    [Fact]
    public async Task ClearLockoutAsync_LockedOutMember_ListedThenCleared()
    {
        await StaffAsync();
        var until = Db.Clock.GetUtcNow().AddMinutes(5);
        await Db.QueryAsync(db => db.Users.Where(u => u.Id == Bob).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), Ct));

        var listed = Assert.Single((await Queries.MembersAsync(Mod, new MemberQuery(RestrictedOnly: true), Ct)).Items);
        Assert.Equal((Bob, until), (listed.Id, listed.LockedOutUntil));
        Assert.True(await Members.ClearLockoutAsync(Mod, listed.UserName, "Forgot password", Ct));
        Assert.False(await Members.ClearLockoutAsync(Mod, listed.UserName, "Again", Ct));

        Assert.Empty((await Queries.MembersAsync(Mod, new MemberQuery(RestrictedOnly: true), Ct)).Items);
        Assert.Equal(["clear-lockout"], (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task SetModeratorAsync_AdminOnly_PromotesAndDemotes()
    {
        await StaffAsync();
        var bob = await Db.UserNameAsync(Bob);
        var ex = await Assert.ThrowsAsync<ForumException>(() => Members.SetModeratorAsync(Mod, bob, true, "Helpful", Ct));
        Assert.Equal(ForumErrorKind.Forbidden, ex.Kind);

        Assert.True(await Members.SetModeratorAsync(Admin, bob, true, "Helpful", Ct));
        await Cases.ListAsync(Bob, new CaseQuery(), Ct);
        Assert.True(await Members.SetModeratorAsync(Admin, bob, false, "Stepped down", Ct));
        await Assert.ThrowsAsync<ForumException>(() => Cases.ListAsync(Bob, new CaseQuery(), Ct));
        Assert.Equal(["promote", "demote"], (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task AuditEntries_UpdateOrDelete_RefusedByTheDatabase()
    {
        await StaffAsync();
        await Members.MuteAsync(Mod, await Db.UserNameAsync(Alice), "Cool off", 5, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Db.QueryAsync(db => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(a => a.Reason, "edited"), Ct)));
        await Assert.ThrowsAnyAsync<Exception>(() => Db.QueryAsync(db => db.AuditEntries.ExecuteDeleteAsync(Ct)));

        Assert.Equal("Cool off", Assert.Single(await AuditAsync()).Reason);
    }
}
