using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>
/// A generated poster: a gradient and a pattern chosen from the title's hash, the title set in type and the year.
/// Pure CSS (forum-poster in app.css): the pattern is background layers and the title and year are drawn from
/// data attributes, so a poster costs one element however it looks. No images are fetched.
/// </summary>
public static class Poster
{
    public const int Gradients = 12, Patterns = 4;

    public static string Classes(string title, bool large = false)
    {
        var hash = StableHash.Of(title);
        var longestWord = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).DefaultIfEmpty(0).Max();
        var type = longestWord > 12 ? " forum-poster-xlong" : longestWord > 8 ? " forum-poster-long" : "";
        return $"forum-poster forum-poster-g{hash % Gradients} forum-poster-p{hash / Gradients % Patterns}{type}{(large ? " forum-poster-lg" : "")}";
    }

    /// <summary>Decorative (aria-hidden): the title and year are always written beside it.</summary>
    public static RenderFragment Render(string title, int year, bool large = false) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", Classes(title, large));
        builder.AddAttribute(2, "data-title", title);
        builder.AddAttribute(3, "data-year", year);
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.CloseElement();
    };
}
