using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>
/// Relative times. The server writes the first text; wwwroot/forum.js (timeText) keeps it current in the browser with
/// the same wording, and a browser test holds the two wordings together.
/// </summary>
public static class TimeText
{
    public const string CssClass = "forum-time";

    /// <summary>"just now", "5 min ago", "3 h ago", "12 d ago", then the UTC date ("4 Mar 2026").</summary>
    public static string Describe(DateTime utc, DateTime now)
    {
        var age = now - utc;
        return age.TotalSeconds < 60 ? "just now"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h ago"
            : age.TotalDays < 30 ? $"{(int)age.TotalDays} d ago"
            : utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// &lt;time class="forum-time" datetime="…Z" title="…"&gt;text&lt;/time&gt;. The title says the exact time in UTC until
    /// the browser replaces it with the reader's local time. Plain markup: no component per time on a page.
    /// </summary>
    public static RenderFragment Ago(DateTime utc, DateTime now) => builder =>
    {
        builder.OpenElement(0, "time");
        builder.AddAttribute(1, "class", CssClass);
        builder.AddAttribute(2, "datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "title", utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture));
        builder.AddContent(4, Describe(utc, now));
        builder.CloseElement();
    };
}
