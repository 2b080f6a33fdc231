using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Forum.App.Features.Messages;
using Forum.Data.Realtime;
using Microsoft.Extensions.DependencyInjection;
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
        _auth = Context.AddAuthorization();
    }

    private readonly BunitAuthorizationContext _auth;

    /// <summary>Where MudBlazor renders popovers (a select's items, menus); null until the first <see cref="Render{T}"/>.</summary>
    public IRenderedComponent<MudBlazor.MudPopoverProvider>? Popovers { get; private set; }

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

    /// <summary>Renders <typeparamref name="T"/> after the popover provider that MudBlazor tooltips need.</summary>
    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Popovers ??= Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render(parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Db.DisposeAsync();
    }
}
