using System.Security.Claims;
using Forum.App.Features.Admin;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data;
using Forum.Data.Moderation;
using Microsoft.AspNetCore.Http.HttpResults;
using static Forum.App.Features.Api.AdminShapes;

namespace Forum.App.Features.Api;

/// <summary>
/// /api/admin: the moderators' actions for bots (Moderator or Admin role in the token, else 403). The services check the
/// role again from the database, so a token issued before a demotion still gets 403.
/// </summary>
public static class AdminEndpoints
{
    public const int MaxLimit = 100;

    public static void MapModeration(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Moderation").RequireAuthorization(AdminPolicies.Moderator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet("/reports", ListReportsAsync).WithName("ListReports")
            .WithSummary("The reports queue").WithDescription("Open cases, oldest first (a stable order for `cursor` paging; each case carries its `reportCount`), each with the item in context. `all=true` includes resolved ones.");
        admin.MapGet("/reports/{id:long}", GetReportAsync).WithName("GetReport").WithSummary("One case").Problems(StatusCodes.Status404NotFound);
        admin.MapPost("/reports/{id:long}/claim", ClaimAsync).WithName("ClaimReport")
            .WithSummary("Take a case").WithDescription("409 while another moderator holds it; claiming your own case again is fine.")
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapPost("/reports/{id:long}/resolve", ResolveAsync).WithName("ResolveReport")
            .WithSummary("Dismiss, hide or delete, with a reason").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        admin.MapPost("/content/{kind}/{id:long}/hide", (string kind, long id, ReasonRequest r, ClaimsPrincipal u, ContentModerationService s, CancellationToken ct)
            => Act(s.HideAsync(TokenClaims.UserIdOf(u), ModerationRules.ParseKind(kind, allowMember: false), id, r.Reason, ct))).WithName("HideContent")
            .WithSummary("Hide a post, comment or chat message").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        admin.MapPost("/content/{kind}/{id:long}/restore", (string kind, long id, ReasonRequest r, ClaimsPrincipal u, ContentModerationService s, CancellationToken ct)
            => Act(s.RestoreAsync(TokenClaims.UserIdOf(u), ModerationRules.ParseKind(kind, allowMember: false), id, r.Reason, ct))).WithName("RestoreContent")
            .WithSummary("Show a hidden item again").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapPost("/content/{kind}/{id:long}/delete", (string kind, long id, ReasonRequest r, ClaimsPrincipal u, ContentModerationService s, CancellationToken ct)
            => Act(s.DeleteAsync(TokenClaims.UserIdOf(u), ModerationRules.ParseKind(kind, allowMember: false), id, r.Reason, ct))).WithName("DeleteContent")
            .WithSummary("Delete an item's text for good (a placeholder stays)").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        admin.MapPost("/bans", (BanRequest r, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct)
            => Act(s.BanAsync(TokenClaims.UserIdOf(u), r.UserName, r.Reason, r.Minutes, ct))).WithName("Ban")
            .WithSummary("Ban a member").WithDescription("Signs them out everywhere at once: cookies, tokens, sockets and streams. " +
                "Moderators cannot ban admins, other moderators or themselves.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        admin.MapDelete("/bans/{userName}", (string userName, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct, string? reason = null)
            => Act(s.UnbanAsync(TokenClaims.UserIdOf(u), userName, reason ?? "Ban lifted", ct))).WithName("Unban")
            .WithSummary("Lift a ban").WithDescription("`reason` (query) is recorded in the audit log; default \"Ban lifted\".").Problems(StatusCodes.Status404NotFound);
        admin.MapPost("/mutes", (BanRequest r, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct)
            => Act(s.MuteAsync(TokenClaims.UserIdOf(u), r.UserName, r.Reason, r.Minutes, ct))).WithName("Mute")
            .WithSummary("Mute a member (may read, may not write)").Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        admin.MapDelete("/mutes/{userName}", (string userName, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct, string? reason = null)
            => Act(s.UnmuteAsync(TokenClaims.UserIdOf(u), userName, reason ?? "Mute lifted", ct))).WithName("Unmute")
            .WithSummary("Lift a mute").Problems(StatusCodes.Status404NotFound);
        admin.MapPost("/lockouts/{userName}/clear", (string userName, ReasonRequest r, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct)
            => Act(s.ClearLockoutAsync(TokenClaims.UserIdOf(u), userName, r.Reason, ct))).WithName("ClearLockout")
            .WithSummary("End a lockout from failed sign-ins").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapPut("/moderators/{userName}", (string userName, ReasonRequest r, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct)
            => Act(s.SetModeratorAsync(TokenClaims.UserIdOf(u), userName, true, r.Reason, ct))).WithName("Promote")
            .RequireAuthorization(AdminPolicies.Admin).WithSummary("Make a member a moderator (admins only)");
        admin.MapDelete("/moderators/{userName}", (string userName, ClaimsPrincipal u, MemberModerationService s, CancellationToken ct, string? reason = null)
            => Act(s.SetModeratorAsync(TokenClaims.UserIdOf(u), userName, false, reason ?? "Role taken back", ct))).WithName("Demote")
            .RequireAuthorization(AdminPolicies.Admin).WithSummary("Take the moderator role back (admins only)");

        admin.MapGet("/members", MembersAsync).WithName("ListMembers").WithSummary("Search members, with bans, mutes and lockouts");
        admin.MapGet("/audit", AuditAsync).WithName("ListAudit")
            .WithSummary("The audit log, newest first").WithDescription("Read-only: no door changes or deletes it. Filters: moderator, action, kind, targetId.");
    }

    private static async Task<Ok<ActionJson>> Act(Task<bool> action) => TypedResults.Ok(new ActionJson(await action));

    private static async Task<Ok<PageJson<CaseJson>>> ListReportsAsync(ClaimsPrincipal user, CaseQueries cases, ApiCursors cursors,
        bool all = false, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        // A keyset on the case id (oldest first): a stable order, so a new report or a count going up between two page reads
        // neither repeats nor skips a case. The list name carries the order, so an offset cursor of old is refused, not misread.
        var list = $"reports-by-id:{all}";
        var after = cursors.Decode(cursor, list, 1) is [var at] ? at : (long?)null;
        var take = ApiCursors.Limit(limit, MaxLimit);
        var page = await cases.ListAsync(TokenClaims.UserIdOf(user), new CaseQuery(!all, Take: take + 1, ById: true, AfterId: after), ct);
        var items = page.Items.Take(take).ToList();
        var next = page.Items.Count > take ? cursors.Encode(list, items[^1].Id) : null;
        return TypedResults.Ok(new PageJson<CaseJson>([.. items.Select(CaseJson.From)], next));
    }

    private static async Task<Ok<CaseJson>> GetReportAsync(long id, ClaimsPrincipal user, CaseQueries cases, CancellationToken ct) =>
        TypedResults.Ok(CaseJson.From(await cases.GetAsync(TokenClaims.UserIdOf(user), id, ct)
            ?? throw ForumException.NotFound("That report does not exist.")));

    private static async Task<Ok<CaseJson>> ClaimAsync(long id, ClaimsPrincipal user, ReportService reports, CaseQueries cases, CancellationToken ct)
    {
        await reports.ClaimAsync(TokenClaims.UserIdOf(user), id, ct);
        return await GetReportAsync(id, user, cases, ct);
    }

    private static Task<Ok<ActionJson>> ResolveAsync(long id, ResolveRequest request, ClaimsPrincipal user, ReportService reports, CancellationToken ct) =>
        Act(reports.ResolveAsync(TokenClaims.UserIdOf(user), id, ParseAction(request.Action), request.Reason, ct));

    private static async Task<Ok<PageJson<MemberJson>>> MembersAsync(ClaimsPrincipal user, ModerationQueries queries, ApiCursors cursors,
        string? search = null, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var list = $"members:{search}";
        var skip = cursors.Decode(cursor, list, 1) is [var at] ? (int)at : 0;
        var page = await queries.MembersAsync(TokenClaims.UserIdOf(user), new MemberQuery(search, Skip: skip, Take: ApiCursors.Limit(limit, MaxLimit)), ct);
        var next = skip + page.Items.Count < page.Total ? cursors.Encode(list, skip + page.Items.Count) : null;
        return TypedResults.Ok(new PageJson<MemberJson>([.. page.Items.Select(MemberJson.From)], next));
    }

    private static async Task<Ok<PageJson<AuditJson>>> AuditAsync(ClaimsPrincipal user, ModerationQueries queries, ApiCursors cursors,
        string? moderator = null, string? action = null, string? kind = null, string? targetId = null, string? cursor = null, int? limit = null,
        CancellationToken ct = default)
    {
        // Newest first, continued by a keyset (the last id seen): actions recorded between two page reads go on top and never
        // push a row already read onto the next page. The list name carries the order, so an offset cursor of old is refused.
        var list = $"audit-by-id:{moderator}:{action}:{kind}:{targetId}";
        var after = cursors.Decode(cursor, list, 1) is [var at] ? at : (long?)null;
        var take = ApiCursors.Limit(limit, MaxLimit);
        var query = new AuditQuery(moderator, action, kind is null ? null : ModerationRules.ParseKind(kind), targetId, Take: take + 1, AfterId: after);
        var page = await queries.AuditAsync(TokenClaims.UserIdOf(user), query, ct);
        var items = page.Items.Take(take).ToList();
        var next = page.Items.Count > take ? cursors.Encode(list, items[^1].Id) : null;
        return TypedResults.Ok(new PageJson<AuditJson>([.. items.Select(AuditJson.From)], next));
    }
}
