using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Forum.App.Features.Messages;
using Forum.Data.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor.Services;

namespace Forum.Tests.TestSupport;

/// <summary>A bUnit context with MudBlazor and the real feature services on a private SQLite database.</summary>
public sealed class ComponentHarness : IAsyncDisposable
{
    private ComponentHarness(TestDatabase db)
    {
        Db = db;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        // The feature services come from the test database's own container; the clock is set here because bUnit has its
        // own TimeProvider, and per-circuit state is built here from the database's services.
        Context.Services.AddFallbackServiceProvider(db.Services);
        Context.Services.AddSingleton<TimeProvider>(db.Clock);
        Context.Services.AddSingleton<INotificationBus>(db.Bus);
        Context.Services.AddScoped(_ => new UnreadState(db.Bus, db.Messages));
        Context.Services.AddScoped<Forum.App.Components.Shared.Overlays>();
        Context.Services.AddScoped<Forum.App.Features.Chat.ChatCircuit>();
        Context.Services.AddScoped<AntiforgeryStateProvider, NoAntiforgery>();
        Context.Services.AddScoped<Forum.App.Components.Shared.DocumentTitle.Shown>();
        Context.Services.AddSingleton<Forum.App.Features.Posts.PostCardMarkup>();
        _auth = Context.AddAuthorization();
    }

    private readonly BunitAuthorizationContext _auth;

    private Func<IRenderedComponent<MudBlazor.MudPopoverProvider>>? _popovers;

    /// <summary>
    /// Where MudBlazor renders popovers (a select's items): the provider inside the last component rendered, as a page
    /// that uses popovers brings its own (the layout has none).
    /// </summary>
    public IRenderedComponent<MudBlazor.MudPopoverProvider>? Popovers => _popovers?.Invoke();

    public BunitContext Context { get; } = new();
    public TestDatabase Db { get; }

    public static async Task<ComponentHarness> CreateAsync() => new(await TestDatabase.CreateAsync(Xunit.TestContext.Current.CancellationToken));

    /// <summary>Renders as this member from now on.</summary>
    public void SignIn(string userId, string displayName)
    {
        _auth.SetAuthorized(displayName);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    public void SignOut() => _auth.SetNotAuthorized();

    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        // Components render as on a live circuit (some, like DocumentTitle, render differently when prerendered). Set at
        // the first render, as setting it builds the container and tests may still add services before.
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        var rendered = Context.Render(parameters);
        var root = (IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>)(object)rendered;
        _popovers = () => root.FindComponent<MudBlazor.MudPopoverProvider>();
        return rendered;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>The app's forms carry a token from this provider; component tests post no forms.</summary>
internal sealed class NoAntiforgery : AntiforgeryStateProvider
{
    public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
}
