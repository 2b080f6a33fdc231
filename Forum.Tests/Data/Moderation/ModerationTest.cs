using Forum.Data.Moderation;
using Forum.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Moderation;

/// <summary>A forum with two members (Alice writes, Bob reads and reports), a moderator and an admin.</summary>
public abstract class ModerationTest : DatabaseTest
{
    protected string Alice = "", Bob = "", Mod = "", Admin = "";

    protected ContentModerationService Content => Db.Services.GetRequiredService<ContentModerationService>();
    protected ReportService Reports => Db.Services.GetRequiredService<ReportService>();
    protected CaseQueries Cases => Db.Services.GetRequiredService<CaseQueries>();
    protected MemberModerationService Members => Db.Services.GetRequiredService<MemberModerationService>();
    protected ModerationQueries Queries => Db.Services.GetRequiredService<ModerationQueries>();

    protected async Task StaffAsync()
    {
        (Alice, Bob) = (await Db.AddUserAsync("Alice"), await Db.AddUserAsync("Bob"));
        (Mod, Admin) = (await Db.AddUserAsync("Mo"), await Db.AddUserAsync("Ada"));
        await Db.QueryAsync(async db =>
        {
            await ForumRoles.AddAsync(db, Mod, ForumRoles.Moderator, Ct);
            await ForumRoles.AddAsync(db, Admin, ForumRoles.Admin, Ct);
            return 0;
        });
    }

    protected Task<List<AuditEntry>> AuditAsync() =>
        Db.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.OrderBy(a => a.Id), Ct));
}
