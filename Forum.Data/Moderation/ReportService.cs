using Forum.Data.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Moderation;

/// <summary>
/// Members report; moderators claim and resolve. An item has at most one open case; a member has at most one report on
/// it. A claim is a conditional update, so of two moderators claiming at once exactly one wins.
/// </summary>
public sealed class ReportService(IDbContextFactory<ForumDbContext> dbFactory, INotificationBus bus, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Files a report; returns the case it joined. Conflict when the member already has an open report on the item.</summary>
    public async Task<long> ReportAsync(string? userId, NewReport report, CancellationToken ct = default)
    {
        if (userId is null) throw ForumException.SignInRequired("Sign in to report something.");
        var kind = ModerationRules.ParseKind(report.Kind);
        var reason = ModerationRules.RequireReportReason(report.Reason);
        var text = string.IsNullOrWhiteSpace(report.Text) ? null : ModerationRules.ReportText.Require(report.Text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FiledAsync(db, userId, report.RequestId, ct) is { } first) return first;
        var (targetId, authorId) = await ReportTargets.ResolveAsync(db, userId, kind, report.Id, ct);
        if (authorId == userId) throw ForumException.Invalid("You cannot report yourself or what you wrote.");
        long caseId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var existing = await db.ModerationCases.Where(c => c.Kind == kind && c.TargetId == targetId && c.Status == CaseStatus.Open)
                .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                if (await db.Reports.AnyAsync(r => r.CaseId == id && r.ReporterId == userId, ct))
                    throw ForumException.Conflict("You have already reported this; a moderator will look at it.");
                caseId = id;
                await db.ModerationCases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReportCount, c => c.ReportCount + 1), ct);
            }
            else
            {
                var open = new ModerationCase { Kind = kind, TargetId = targetId, ReportCount = 1, CreatedAt = Now };
                db.ModerationCases.Add(open);
                await db.SaveChangesAsync(ct);
                caseId = open.Id;
            }
            db.Reports.Add(new Report { CaseId = caseId, ReporterId = userId, Reason = reason, Text = text, CreatedAt = Now, RequestId = report.RequestId });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException) when (report.RequestId is not null)
            {
                // The same write raced in twice: the unique (reporter, requestId) index let one through; answer its case.
                await tx.RollbackAsync(CancellationToken.None);
                await using var again = await dbFactory.CreateDbContextAsync(ct);
                if (await FiledAsync(again, userId, report.RequestId, ct) is { } won) return won;
                throw;
            }
        }
        await bus.PublishAsync(ModerationTopics.Queue, new CaseChanged(caseId));
        return caseId;
    }

    /// <summary>The case of the report this member already filed with this request id, if any.</summary>
    private static async Task<long?> FiledAsync(ForumDbContext db, string userId, Guid? requestId, CancellationToken ct) =>
        requestId is { } rid
            ? await db.Reports.Where(r => r.ReporterId == userId && r.RequestId == rid).Select(r => (long?)r.CaseId).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// Gives the case to the moderator. Claiming one's own case again changes nothing; a case held by another moderator
    /// answers Conflict naming them.
    /// </summary>
    public async Task ClaimAsync(string? actorId, long caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await Moderator.RequireAsync(db, actorId, ct);
        var won = await db.ModerationCases.Where(c => c.Id == caseId && c.Status == CaseStatus.Open && c.ClaimedById == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedById, actor.Id).SetProperty(c => c.ClaimedAt, Now), ct);
        if (won == 0)
        {
            await ExplainAsync(db, actor, caseId, ct);
            return;
        }
        await bus.PublishAsync(ModerationTopics.Queue, new CaseChanged(caseId));
    }

    /// <summary>Hands a claimed case back to the queue (only its holder, or an admin).</summary>
    public async Task ReleaseAsync(string? actorId, long caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await Moderator.RequireAsync(db, actorId, ct);
        var released = await db.ModerationCases
            .Where(c => c.Id == caseId && c.Status == CaseStatus.Open && (c.ClaimedById == actor.Id || (actor.IsAdmin && c.ClaimedById != null)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedById, (string?)null).SetProperty(c => c.ClaimedAt, (DateTime?)null), ct);
        if (released > 0) await bus.PublishAsync(ModerationTopics.Queue, new CaseChanged(caseId));
    }

    /// <summary>
    /// Settles the case: dismiss (the item stays), hide or delete it, with a reason. An unclaimed case is claimed on the
    /// way; a case another moderator holds answers Conflict. Resolving a resolved case again changes nothing.
    /// </summary>
    public async Task<bool> ResolveAsync(string? actorId, long caseId, CaseAction action, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var after = new AfterCommit();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = await Moderator.RequireAsync(db, actorId, ct);
            var text = ModerationRules.Reason.Require(reason);
            var item = await db.ModerationCases.Where(c => c.Id == caseId)
                .Select(c => new { c.Kind, c.TargetId, c.Status, c.ClaimedById }).FirstOrDefaultAsync(ct)
                ?? throw ForumException.NotFound("That report does not exist.");
            if (item.Status == CaseStatus.Resolved) return false;
            if (item.ClaimedById is not null && item.ClaimedById != actor.Id) await ExplainAsync(db, actor, caseId, ct);
            if (action != CaseAction.Dismiss && item.Kind == ContentKind.Member)
                throw ForumException.Invalid("A reported member is dismissed here, or banned or muted from the members page.");
            var now = Now;
            if (action == CaseAction.Dismiss)
            {
                AuditLog.Add(db, actor, AuditActions.Dismiss, item.Kind, item.TargetId, text, "open", "dismissed", now);
                await db.SaveChangesAsync(ct);
                await ContentActions.CloseCasesAsync(db, item.Kind, item.TargetId, AuditActions.Dismiss, now, after, ct);
            }
            else
            {
                var to = action == CaseAction.Hide ? ModerationState.Hidden : ModerationState.Deleted;
                // Already hidden in place by someone: the case still closes, with the action taken.
                if (!await ContentActions.ApplyAsync(db, actor, item.Kind, long.Parse(item.TargetId), to, text, now, after, ct))
                    await ContentActions.CloseCasesAsync(db, item.Kind, item.TargetId, action.ToString().ToLowerInvariant(), now, after, ct);
            }
            await tx.CommitAsync(ct);
        }
        await after.PublishAsync(bus);
        return true;
    }

    /// <summary>Why a claim did not take: gone, resolved, or held by someone else (said by name). Own claim: no error.</summary>
    private static async Task ExplainAsync(ForumDbContext db, Moderator actor, long caseId, CancellationToken ct)
    {
        var item = await db.ModerationCases.Where(c => c.Id == caseId)
            .Select(c => new { c.Status, c.ClaimedById, Holder = c.ClaimedBy!.UserName }).FirstOrDefaultAsync(ct)
            ?? throw ForumException.NotFound("That report does not exist.");
        if (item.Status == CaseStatus.Resolved) throw ForumException.Conflict("That report has already been resolved.");
        if (item.ClaimedById != actor.Id) throw ForumException.Conflict($"{item.Holder} is already handling that report.");
    }
}
