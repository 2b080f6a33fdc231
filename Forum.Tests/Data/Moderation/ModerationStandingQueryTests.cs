using Forum.Data.Moderation;
using Forum.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Forum.Tests.Data.Moderation;

/// <summary>
/// The "in force" rule is written once and spliced into queries (ExpressionSplice): the time travels as a parameter, as
/// a captured variable would (a literal would make every instant a new query for EF to compile and cache).
/// </summary>
public sealed class ModerationStandingQueryTests : DatabaseTest
{
    [Fact]
    public async Task Active_SendsTheTimeAsAParameter()
    {
        var now = new DateTime(2031, 7, 9, 10, 11, 12, DateTimeKind.Utc);

        var sql = await Db.QueryAsync(db => Task.FromResult(ModerationStanding.Active(db.MemberRestrictions, now).ToQueryString()));

        // The statement compares with a parameter; the value shows only in the parameter's declaration above it.
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        Assert.Contains("\"Until\" > @", statement);
        Assert.DoesNotContain("2031", statement);
    }
}
