using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Forum.App.Components.Shared;

/// <summary>
/// After an in-app navigation to another page, moves focus to the page's heading, so a screen reader announces where
/// the member landed (what the template's FocusOnNavigate does). Unlike FocusOnNavigate it leaves the circuit's first
/// render alone: the browser has just loaded that page and placed focus itself, and skipping it saves every circuit a
/// JS call at start. Renders nothing.
/// </summary>
public sealed class FocusOnNavigation : ComponentBase
{
    private Type? _page;
    private bool _focus;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Parameter, EditorRequired] public Microsoft.AspNetCore.Components.RouteData RouteData { get; set; } = default!;
    [Parameter, EditorRequired] public string Selector { get; set; } = "";

    protected override void OnParametersSet()
    {
        if (_page == RouteData.PageType) return;
        _focus = _page is not null;
        _page = RouteData.PageType;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focus) return;
        _focus = false;
        await JS.InvokeVoidAsync("forum.focusFirst", Selector);
    }
}
