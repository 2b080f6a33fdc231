using Baseline;
using Baseline.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

// As the template registers it (global Server interactivity, Identity cookies, EF Core SQLite store), plus MudBlazor.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddAuthorization();
var dataDir = builder.Configuration["Baseline:DataDirectory"] ?? Path.Combine(Path.GetTempPath(), "forum-baseline");
Directory.CreateDirectory(dataDir);
builder.Services.AddDbContext<BaselineDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dataDir, "baseline.db")}"));
builder.Services.AddIdentityCore<IdentityUser>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
    .AddEntityFrameworkStores<BaselineDbContext>()
    .AddSignInManager();
builder.Services.AddSingleton<BadgeCounts>();

var app = builder.Build();
await BaselineDbContext.SeedAsync(app.Services, app.Configuration);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

// The forum's comment route, shape and status: post N belongs to member N - 1, and a comment bumps that member's badge.
app.MapPost("/api/posts/{id:int}/comments", (int id, CommentRequest comment, BadgeCounts counts, IConfiguration config) =>
{
    counts.Increment(BaselineDbContext.MemberName(config, id - 1));
    return Results.Created($"/posts/{id}", new { postId = id, comment.Body });
}).RequireAuthorization();

app.Run();

internal sealed record CommentRequest(string? Body, int? ParentId, Guid? RequestId);
