using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Forum.Tests.TestSupport;

/// <summary>
/// Finds an element and fires its event in one renderer dispatch: a live render from another thread between a separate
/// Find and Click would retire the handler id the found element carries (an unknown-event-handler error).
/// </summary>
public static class OneDispatch
{
    public static Task ClickAsync<T>(this IRenderedComponent<T> view, string selector) where T : IComponent =>
        view.FireAsync(selector, e => e.Click());

    public static Task ChangeAsync<T>(this IRenderedComponent<T> view, string selector, string value) where T : IComponent =>
        view.FireAsync(selector, e => e.Change(value));

    public static Task InputAsync<T>(this IRenderedComponent<T> view, string selector, string value) where T : IComponent =>
        view.FireAsync(selector, e => e.Input(value));

    public static Task SubmitAsync<T>(this IRenderedComponent<T> view, string selector) where T : IComponent =>
        view.FireAsync(selector, e => e.Submit());

    public static Task BlurAsync<T>(this IRenderedComponent<T> view, string selector) where T : IComponent =>
        view.FireAsync(selector, e => e.Blur());

    private static Task FireAsync<T>(this IRenderedComponent<T> view, string selector, Action<IElement> fire) where T : IComponent =>
        view.InvokeAsync(() => fire(view.Find(selector)));
}
