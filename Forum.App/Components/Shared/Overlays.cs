using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Forum.App.Components.Shared;

/// <summary>
/// Confirmation dialogs and snackbars for one circuit. MudBlazor's dialog and snackbar providers (and their services)
/// cost every circuit something while idle, and most circuits never show either: the layout's <c>OverlayHost</c>
/// renders each provider only once this service is first asked for it, and the services are resolved only then.
/// Without a host (a component rendered on its own, as tests do) the MudBlazor services are used directly.
/// </summary>
public sealed class Overlays(IServiceProvider services)
{
    private Func<Task>? _render;

    internal bool DialogsShown { get; private set; }
    internal bool SnackbarsShown { get; private set; }

    /// <summary>Asks the member to confirm; true only when they chose <paramref name="yes"/>.</summary>
    public async Task<bool> ConfirmAsync(string title, string message, string yes, string cancel)
    {
        if (!DialogsShown)
        {
            DialogsShown = true;
            // The provider subscribes to the dialog service while it first renders; a dialog shown before would be lost.
            await RenderHostAsync();
        }
        var dialogs = services.GetRequiredService<IDialogService>();
        return await dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: cancel) == true;
    }

    /// <summary>A snackbar; it outlives a navigation, as the provider lives in the layout.</summary>
    public Task ToastAsync(string message, Severity severity)
    {
        // The provider shows the snackbars already added when it first renders, so adding first is fine.
        services.GetRequiredService<ISnackbar>().Add(message, severity);
        if (SnackbarsShown) return Task.CompletedTask;
        SnackbarsShown = true;
        return RenderHostAsync();
    }

    /// <summary>The host calls this once; <paramref name="render"/> completes after the host has rendered.</summary>
    internal IDisposable Attach(Func<Task> render)
    {
        _render = render;
        return new Detach(this);
    }

    private Task RenderHostAsync() => _render?.Invoke() ?? Task.CompletedTask;

    private sealed class Detach(Overlays overlays) : IDisposable
    {
        public void Dispose() => overlays._render = null;
    }
}
