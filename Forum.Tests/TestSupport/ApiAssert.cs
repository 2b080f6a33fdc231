using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forum.Tests.TestSupport;

/// <summary>What an API client checks on an answer: the status, problem+json with a readable detail, the JSON it got.</summary>
public static class ApiAssert
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<Problem>(Ct))!;
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.DoesNotContain("System.", problem.Detail);
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public sealed record Problem(string Title, int Status, string Detail);
}

/// <summary>Small JSON readers, so tests read answers the way a client does (by property name).</summary>
public static class JsonReading
{
    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();
    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
    public static JsonElement[] Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
    public static string? Next(this JsonElement page) => page.GetProperty("next").GetString();
}
