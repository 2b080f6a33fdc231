using Forum.Data;
using Microsoft.AspNetCore.Http.Features;

namespace Forum.App.Features.Api;

/// <summary>What every API call goes through: JSON only, a bounded body, and a rule's refusal as problem+json.</summary>
public static class ApiFilters
{
    /// <summary>
    /// The largest body the API reads. The biggest text a rule allows is a post (10,000 characters, at most 40,000 UTF-16
    /// units); sent as \uXXXX escapes that is 240 KB, so 512 KB fits any valid post with room for the other fields.
    /// </summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>
    /// A body that is sent must be JSON (Content-Type: application/json), so a write can never be a cross-site HTML form;
    /// calls without a body (read-all, delete) need no Content-Type.
    /// </summary>
    public static ValueTask<object?> JsonOnlyWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var sendsBody = request.ContentLength > 0 || request.ContentType is not null || request.Headers.TransferEncoding.Count > 0;
        return HttpMethods.IsGet(request.Method) || !sendsBody || request.HasJsonContentType()
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem("Send JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
    }

    /// <summary>
    /// For calls anyone may make (a room's history): no token is fine, but a token that is sent must be valid, so an expired
    /// or revoked one is a 401 as everywhere else instead of quietly reading as a visitor.
    /// </summary>
    public static ValueTask<object?> OptionalToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true
            ? ValueTask.FromResult<object?>(TypedResults.Challenge())
            : next(context);
    }

    /// <summary>A rule's refusal becomes a problem response with the rule's message, never a 500.</summary>
    public static async ValueTask<object?> ForumErrorsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ForumException ex)
        {
            var status = ex.Kind switch
            {
                ForumErrorKind.NotFound => StatusCodes.Status404NotFound,
                ForumErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ForumErrorKind.SignInRequired => StatusCodes.Status401Unauthorized,
                ForumErrorKind.Conflict => StatusCodes.Status409Conflict,
                ForumErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
                ForumErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
            if (ex.RetryAfter is { } wait)
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(ex.Message, statusCode: status);
        }
    }

    /// <summary>
    /// Refuses a body over <see cref="MaxBodyBytes"/> with 413 before anything reads it. A declared length is checked at
    /// once; a chunked body (no length) is read up to the limit here, so the refusal is the same on every server.
    /// </summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        if (request.ContentLength > MaxBodyBytes || (request.ContentLength is null && !await FitsAsync(request, context.RequestAborted)))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null);
            return;
        }
        await next(context);
    });

    private static async Task<bool> FitsAsync(HttpRequest request, CancellationToken ct)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Headers.TransferEncoding.Count == 0) return true;
        var buffer = new MemoryStream();
        request.HttpContext.Response.RegisterForDispose(buffer);
        // Pooled: every chunked request (HttpClient's JsonContent sends no length) would otherwise allocate 16 KB here.
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return false;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        buffer.Position = 0;
        request.Body = buffer;
        return true;
    }
}
