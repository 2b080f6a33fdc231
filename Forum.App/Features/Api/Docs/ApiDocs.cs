namespace Forum.App.Features.Api.Docs;

/// <summary>Small helpers so every endpoint declares the problems it can answer in one line.</summary>
public static class ApiDocs
{
    /// <summary>Declares problem+json answers with these statuses (401, 413, 415 and 429 are added per kind of call by <see cref="OpenApiSetup"/>).</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}
