using Forum.App.Components.Account;
using Forum.App.Components.Shared;
using Forum.App.Features.Admin;
using Forum.App.Features.Api;
using Forum.App.Features.Api.Tokens;
using Forum.App.Features.Chat;
using Forum.App.Features.Messages;
using Forum.App.Features.Realtime;
using Forum.App.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics;
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
        // A field's text reaches the server in one circuit message; the 32 KB default closed the circuit on a long post in
        // Chinese (non-ASCII is sent as 6-byte \uXXXX escapes). The limit fits twice the largest text any rule allows.
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
            {
                // A dropped connection (a phone on the move, a laptop lid) may come back within three minutes to the same
                // circuit, nothing lost; past that the page reloads. Up to 1,000 such circuits are kept (≈ 150 KB each on
                // the home page, so ≤ 150 MB), not the framework's 100: one network blip must not send thousands of readers
                // to a reload. Both are settings: Forum:Circuits:DisconnectedCircuitRetentionPeriod / ...MaxRetained.
                o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                o.DisconnectedCircuitMaxRetained = 1_000;
                builder.Configuration.GetSection("Forum:Circuits").Bind(o);
            })
            .AddHubOptions(o =>
            {
                o.MaximumReceiveMessageSize = LongText.MaxReceiveBytes;
                // Pings every 30 s each way, not SignalR's 15 s (forum.js starts Blazor with the matching client side):
                // an idle tab costs the server nothing but these, and at 10,000 tabs they were most of its idle CPU.
                // A silent connection is still given up after 60 s; a closed one is noticed at once as before.
                o.KeepAliveInterval = CircuitPings.Interval;
                o.ClientTimeoutInterval = CircuitPings.Timeout;
            });
        services.AddMudServices();

        services.AddForumAccounts();
        services.AddForumAdmin();
        services.AddForumApi();
        services.AddForumRealtime();
        services.AddForumHealth();
        services.AddForumScaleOut();

        services.AddScoped<UnreadState>();
        services.AddSingleton<Features.Posts.PostCardMarkup>();
        services.AddScoped<Overlays>();
        services.AddScoped<DocumentTitle.Shown>();
        // Scoped: one per circuit, so each circuit enters and leaves the site for its own member.
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        services.AddScoped<ChatCircuit>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<ChatCircuit>());
        services.AddProblemDetails();
        // Binding failures throw, so ApiProblems can say what was wrong instead of answering an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseForum(this WebApplication app)
    {
        // Checked now, not at the first API call: a deployed forum with a weak token key must not start.
        _ = app.Services.GetRequiredService<JwtKeys>();
        app.UseForumRealtime();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,
                // A malformed form post is the sender's mistake, not a server error.
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }
        // Pages get the friendly not-found page (at the top level, so re-execution can route again); the API answers
        // problem+json from its own branch, which runs first.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(ApiProblems.IsApi, api => api.UseApiProblems());
        // Explicitly after the error pages, so a refused sign-in (401/403) gets a body too.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // SecurityHeaders sends the whole policy, frame-ancestors included; a second CSP header would only narrow it.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.UseForumApi();
        app.MapForumHealth();
        return app;
    }
}
