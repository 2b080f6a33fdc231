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
        [property: Description("The item's id (a number), or the member's user name (a string).")] System.Text.Json.JsonElement? Id,
        [property: Description("One of: spam, abuse, spoiler, off-topic, other.")] string? Reason,
        [property: Description("Optional, up to 500 characters.")] string? Text = null,
        [property: Description("Optional GUID chosen per report: repeating the write with it answers the first case and stores nothing new.")] Guid? RequestId = null);

    public sealed record ReportJson(long CaseId);

    public static void MapReports(this RouteGroupBuilder api) =>
        api.MapPost("/reports", ReportAsync).WithTags("Moderation").WithName("Report")
            .WithSummary("Report something to the moderators")
            .WithDescription("One open report per member per item: a second one answers 409 (a retry with the same `requestId` answers the first case instead). Answers 201 with the case the report joined.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static async Task<Created<ReportJson>> ReportAsync(ReportRequest request, ClaimsPrincipal user, ReportService reports, CancellationToken ct)
    {
        // Ids are numbers everywhere in the API; a member is named by a string. Either arrives here as its text.
        var id = request.Id switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: System.Text.Json.JsonValueKind.String } s => s.GetString() ?? "",
            _ => "",
        };
        var caseId = await reports.ReportAsync(TokenClaims.UserIdOf(user), new NewReport(request.Kind ?? "", id, request.Reason ?? "", request.Text, request.RequestId), ct);
        // No Location: the case lives under /api/admin, which the member who reported it cannot read.
        return TypedResults.Created((string?)null, new ReportJson(caseId));
    }
}
