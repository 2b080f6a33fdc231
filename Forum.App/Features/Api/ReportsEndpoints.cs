using System.ComponentModel;
using System.Security.Claims;
using Forum.App.Features.Api.Docs;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Moderation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.App.Features.Api;

/// <summary>POST /api/reports: any member reports a post, comment, chat message or member to the moderators.</summary>
public static class ReportsEndpoints
{
    public sealed record ReportRequest(
        [property: Description("post, comment, chat or member.")] string? Kind,
        [property: Description("The item's id (a number), or the member's user name.")] string? Id,
        [property: Description("One of: spam, abuse, spoiler, off-topic, other.")] string? Reason,
        [property: Description("Optional, up to 500 characters.")] string? Text = null);

    public sealed record ReportJson(long CaseId);

    public static void MapReports(this RouteGroupBuilder api) =>
        api.MapPost("/reports", ReportAsync).WithTags("Moderation").WithName("Report")
            .WithSummary("Report something to the moderators")
            .WithDescription("One open report per member per item: a second one answers 409. Answers 201 with the case the report joined.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static async Task<Created<ReportJson>> ReportAsync(ReportRequest request, ClaimsPrincipal user, ReportService reports, CancellationToken ct)
    {
        var caseId = await reports.ReportAsync(TokenClaims.UserIdOf(user), new NewReport(request.Kind ?? "", request.Id ?? "", request.Reason ?? "", request.Text), ct);
        return TypedResults.Created($"/api/admin/reports/{caseId}", new ReportJson(caseId));
    }
}
