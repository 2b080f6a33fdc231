using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Forum.App.Features.Api;

/// <summary>
/// Every API error is problem+json with a detail a client developer can act on, in every environment: requests the
/// framework could not bind (malformed JSON, wrong types, bad query values, wrong content type, too large) and
/// answers that would otherwise go out empty (unknown routes, 401/403 from authorization).
/// </summary>
public static partial class ApiProblems
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                return WriteAsync(context, status, error is BadHttpRequestException b ? Describe(b) : "Something went wrong on our side.");
            },
        });
        // Runs inside the page-wide status code pages (which would re-execute the HTML not-found page) and answers first.
        return app.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode, null));
    }

    public static Task WriteAsync(HttpContext context, int status, string? detail) =>
        TypedResults.Problem(detail ?? DefaultDetail(status), statusCode: status, title: ReasonPhrases.GetReasonPhrase(status))
            .ExecuteAsync(context);

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in first: send a valid token (Authorization: Bearer <token>).",
        StatusCodes.Status403Forbidden => "You are not allowed to do that.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept that method.",
        StatusCodes.Status409Conflict => "That cannot be done in the item's current state.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {ApiFilters.MaxBodyBytes / 1024} KB, the most this API reads.",
        StatusCodes.Status415UnsupportedMediaType => "Send JSON (Content-Type: application/json).",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>The framework's binding message, reworded without .NET type names.</summary>
    internal static string Describe(BadHttpRequestException error)
    {
        if (error.StatusCode is StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status413PayloadTooLarge)
            return DefaultDetail(error.StatusCode);
        if (error.InnerException is JsonException json)
            return json.Path is null or "$" ? "The body is not the JSON object this call expects." : $"The JSON body has a malformed or wrongly typed value at '{json.Path}'.";
        if (BindFailure().Match(error.Message) is { Success: true } bind)
            return $"'{bind.Groups["value"].Value}' is not a valid value for '{bind.Groups["name"].Value}'.";
        if (error.Message.Contains("from body", StringComparison.Ordinal) || error.Message.Contains("request body", StringComparison.Ordinal))
            return "This call needs a JSON body.";
        return "The request is not valid for this call.";
    }

    [GeneratedRegex("""^Failed to bind parameter "\S+ (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindFailure();
}
