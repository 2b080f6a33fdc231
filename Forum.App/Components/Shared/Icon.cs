using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>
/// A MudBlazor icon (its SVG path constants) as plain markup, for rows that should not carry a component each.
/// The &lt;svg&gt; text is built once per icon and class and shared by every circuit: one frame per use.
/// </summary>
public static class Icon
{
    private static readonly ConcurrentDictionary<(string Icon, string Class), MarkupString> Cache = new();

    public static MarkupString Svg(string icon, string cssClass = "forum-icon") =>
        // A constant from MudBlazor.Icons, never user text.
        Cache.GetOrAdd((icon, cssClass), key =>
            new MarkupString($"<svg class=\"{key.Class}\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{key.Icon}</svg>"));
}
