using Forum.App.Components.Account;
using Forum.App.Features.Api;
using Forum.App.Features.Messages;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace Forum.App;

public static class AppExtensions
{
    /// <summary>
    /// Reads the solution's top-level appsettings.json (copied beside the binaries by the build) in place of a
    /// content-root copy, keeping its precedence: environment variables and the command line still override it.
    /// </summary>
    public static void UseTopLevelSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
        };
        if (index < 0) sources.Insert(0, source);
        else sources[index] = source;
    }

    public static WebApplicationBuilder AddForumApp(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor's CSS/JS) from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddForumAccounts();

        services.AddScoped<UnreadState>();
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseForum(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        // API answers keep their own status codes; only pages get the friendly not-found page.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapForumApi();
        return app;
    }
}
