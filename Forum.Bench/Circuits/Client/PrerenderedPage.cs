using System.Text;
using System.Text.RegularExpressions;

namespace Forum.Bench.Circuits.Client;

/// <summary>
/// What a browser takes from the prerendered HTML before it connects: the interactive root markers, the persisted
/// component state, and (for the benchmark) the badge count the page was rendered with.
/// </summary>
public sealed partial class PrerenderedPage
{
    private const string MarkerStart = "<!--Blazor:", StateStart = "<!--Blazor-Server-Component-State:", CommentEnd = "-->";

    /// <summary>The start markers of the server roots, in document order (end markers carry only a prerenderId).</summary>
    public IReadOnlyList<string> Markers { get; }

    /// <summary>The persisted state as the page carries it (base64), or "" when the page has none.</summary>
    public string PersistedState { get; }

    /// <summary>The number in <c>&lt;span id="unread-count"&gt;</c>, or null on a page without the badge.</summary>
    public int? UnreadCount { get; }

    private PrerenderedPage(List<string> markers, string state, int? unread) =>
        (Markers, PersistedState, UnreadCount) = (markers, state, unread);

    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<string>();
        for (var at = html.IndexOf(MarkerStart, StringComparison.Ordinal); at >= 0; at = html.IndexOf(MarkerStart, at, StringComparison.Ordinal))
        {
            at += MarkerStart.Length;
            var end = html.IndexOf(CommentEnd, at, StringComparison.Ordinal);
            var json = html[at..end];
            if (json.Contains("\"type\":\"server\"", StringComparison.Ordinal)) markers.Add(json);
            at = end;
        }
        var state = "";
        var s = html.IndexOf(StateStart, StringComparison.Ordinal);
        if (s >= 0)
        {
            s += StateStart.Length;
            state = html[s..html.IndexOf(CommentEnd, s, StringComparison.Ordinal)];
        }
        var badge = BadgeSpan().Match(html);
        return new PrerenderedPage(markers, state, badge.Success ? int.Parse(badge.Groups[1].ValueSpan) : null);
    }

    /// <summary>
    /// The root-component operations blazor.web.js sends after StartCircuit: each server marker, in document order,
    /// gets uniqueId i and becomes an "add" with ssrComponentId i + 1.
    /// </summary>
    public string RootComponentOperations()
    {
        var json = new StringBuilder("{\"batchId\":1,\"operations\":[");
        for (var i = 0; i < Markers.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"type\":\"add\",\"ssrComponentId\":").Append(i + 1)
                .Append(",\"marker\":{\"uniqueId\":").Append(i).Append(',').Append(Markers[i].AsSpan(1)).Append('}');
        }
        return json.Append("]}").ToString();
    }

    [GeneratedRegex("id=\"unread-count\"[^>]*>(\\d+)<")]
    private static partial Regex BadgeSpan();
}
