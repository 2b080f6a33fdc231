using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Forum.App.Components.Shared;
using Forum.Data.Posts;
using MudBlazor;

namespace Forum.App.Features.Posts;

/// <summary>
/// The home page's sort switch and genre chips: links whose current one says aria-current="page". They depend only
/// on (sort, genre) and hold no user text (genres are PostRules constants), so each variant's markup is built once and
/// shared by every circuit, one frame per page instead of some 150.
/// </summary>
public static class HomeFilters
{
    private static readonly ConcurrentDictionary<(PostSort, string?), (string Sort, string Genres)> Cache = new();
    private static readonly string Check =
        $"<svg class=\"forum-icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{Icons.Material.Filled.Check}</svg>";

    public static string Link(PostSort sort, string? genre)
    {
        var query = new List<string>();
        if (sort == PostSort.MostDiscussed) query.Add("sort=discussed");
        if (genre is not null) query.Add($"genre={Uri.EscapeDataString(genre)}");
        return query.Count == 0 ? "/" : "/?" + string.Join('&', query);
    }

    public static string SortMarkup(PostSort sort, string? genre) => For(sort, genre).Sort;

    public static string GenreMarkup(PostSort sort, string? genre) => For(sort, genre).Genres;

    private static (string Sort, string Genres) For(PostSort sort, string? genre) => Cache.GetOrAdd((sort, genre), key =>
    {
        var (current, currentGenre) = key;
        var html = HtmlEncoder.Default;
        var nav = new StringBuilder("<nav class=\"forum-segmented\" aria-label=\"Sort movies\" id=\"sort\">");
        foreach (var (option, id, label) in new[] { (PostSort.Newest, "sort-newest", "Newest"), (PostSort.MostDiscussed, "sort-discussed", "Most discussed") })
            nav.Append($"<a href=\"{html.Encode(Link(option, currentGenre))}\" id=\"{id}\"{Current(option == current)}>{Check}{label}</a>");
        nav.Append("</nav>");

        var chips = new StringBuilder("<nav aria-label=\"Filter by genre\"><ul class=\"forum-chips\" id=\"genre-filter\">");
        chips.Append($"<li><a class=\"forum-chip\" href=\"{html.Encode(Link(current, null))}\"{Current(currentGenre is null)}>All genres</a></li>");
        foreach (var g in PostRules.Genres)
            chips.Append($"<li><a class=\"forum-chip\" href=\"{html.Encode(Link(current, g))}\"{Current(g == currentGenre)}>{html.Encode(g)}</a></li>");
        chips.Append("</ul></nav>");
        return (nav.ToString(), chips.ToString());
    });

    private static string Current(bool isCurrent) => isCurrent ? " aria-current=\"page\"" : "";
}
